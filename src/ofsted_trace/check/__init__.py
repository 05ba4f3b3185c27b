"""The check pipeline and its rules, one module per rule, pure functions of the dataset."""
