"""Entry point of `make run`. The web app arrives with the answering issue; until then, say how to search."""

from tutor.cli import app as cli

if __name__ == "__main__":
    print("Le corpus intégré est indexé. Interrogez-le depuis un terminal :")
    print('  .venv/bin/tutor search "vitesse de rotation pour une fraise de 50 à 200 m/min"')
    print("  .venv/bin/tutor stats   |   .venv/bin/tutor --help")
    print("L'application web (onglets Questions, Documents...) arrivera avec le tuteur conversationnel.")
    _ = cli  # the CLI is the interface for now
