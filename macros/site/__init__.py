"""Site: the readable pages, posters and records data, every generated file (build), and the MkDocs edges."""
