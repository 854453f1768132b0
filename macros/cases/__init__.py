"""Cases: the find-the-error training cases (cases/*.yml) loaded and proved, their pages and print PDFs."""
