"""Records and value types: the dataset's records, dates, problems and gap kinds; no I/O."""
