"""Flows: read flow files (YAML with positions), validate them, and the typed model they load into."""
