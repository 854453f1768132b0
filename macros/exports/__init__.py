"""Exports: every flow's downloads (PNG, PDF, A3 poster, A4 tiles, slides, QR), cached by content hash."""
