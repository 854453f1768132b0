"""zhibu build-time core, in wings (one sub-package per job; ARCHITECTURE.md): flows in, a site out.

No MkDocs imports except the MkDocs edge (``site/mkdocs_hooks.py``); settings come from the two edges
(that one and ``cli.py``) as one ``settings.Settings``."""
