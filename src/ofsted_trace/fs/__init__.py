"""The file system's edges: where relative paths lead, and writes that are never half-done."""
