"""Content-keyed caches: the entry store, its keys, checked results and whole outputs."""
