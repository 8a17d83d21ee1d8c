"""Figures for the lessons (matplotlib is imported only when a figure is drawn)."""
