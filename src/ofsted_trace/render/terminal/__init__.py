"""Terminal renderers: the only modules that use rich."""
