"""The board report: its plain parts, how they are built, and each format."""
