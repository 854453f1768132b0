"""Blank record forms (会议记录表): their data (flows/_forms.yml), the A4 PDF and .docx of each, and their files."""
