"""Quizzes: the bank, questions generated from passages or computed, and their Moodle and print exports."""
