"""Changing a dataset: edit commands, plans, round-trip splices and the init scaffold."""
