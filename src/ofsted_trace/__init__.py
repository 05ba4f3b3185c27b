"""Trace Ofsted recommendations to verbatim evidence."""

__version__ = "0.1.0"
