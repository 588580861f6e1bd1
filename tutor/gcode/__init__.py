"""G-code: parse a program per control family, follow the modal state and motion, check it and explain it."""
