"""Quizzes: question banks, grading, persistence and widgets (widgets load only when shown)."""
