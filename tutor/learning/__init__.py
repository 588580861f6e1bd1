"""Learning: the CQPM framework, quizzes, progress, the VAE interview and its proof file."""
