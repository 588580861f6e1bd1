"""A training centre on one server: accounts and roles, groups, quizzes assigned to a group, the class dashboard.

Everything lives in one SQLite file under the data directory (`centre.sqlite`), beside the learners' progress.
"""
