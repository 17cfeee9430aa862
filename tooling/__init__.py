"""Tooling that sits above the three domain apps: the demo data set and its loader, the
national-scale data generator and timer, and operations commands (backups).

It may import every app; no app imports it.
"""
