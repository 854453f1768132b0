"""Checker page: the self-check widget's markup, its early start, runtime files, download sizes and rule tables."""
