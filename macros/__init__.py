"""zhibu build-time core: load and validate flows, render diagrams and pages (no MkDocs imports)."""
