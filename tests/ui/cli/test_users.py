from typer.testing import CliRunner

from tutor.ui.cli.users import users_app


def run(*args: str, home):
    return CliRunner().invoke(users_app, list(args), env={"TUTOR_HOME": str(home)})


def test_users_add_list_passwd_remove(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("Formateur-2026\n", encoding="utf-8")
    assert "Aucun compte" in run("list", home=tmp_path).output
    added = run("add", "Prof", "--role", "formateur", "--password-file", str(secret), home=tmp_path)
    assert added.exit_code == 0 and "Compte créé : prof (formateur)" in added.output
    again = run("add", "prof", "--role", "apprenant", "--password-file", str(secret), home=tmp_path)
    assert again.exit_code == 2 and "existe déjà" in again.output
    listed = run("list", home=tmp_path).output
    assert "prof" in listed and "formateur" in listed and "jamais connecté" in listed
    secret.write_text("Nouveau-mdp-27\n", encoding="utf-8")
    assert run("passwd", "prof", "--password-file", str(secret), home=tmp_path).exit_code == 0
    assert run("remove", "prof", home=tmp_path).exit_code == 0
    gone = run("remove", "prof", home=tmp_path)
    assert gone.exit_code == 2 and "aucun compte" in gone.output


def test_weak_password_and_no_terminal_are_refused_in_one_line(tmp_path):
    weak = tmp_path / "weak.txt"
    weak.write_text("court\n", encoding="utf-8")
    refused = run("add", "leo", "--role", "apprenant", "--password-file", str(weak), home=tmp_path)
    assert refused.exit_code == 2 and refused.output.strip().count("\n") == 0 and "trop court" in refused.output
    blind = run("add", "leo", "--role", "apprenant", home=tmp_path)
    assert blind.exit_code == 2 and "--password-file" in blind.output
    bad_role = run("add", "leo", "--role", "admin", "--password-file", str(weak), home=tmp_path)
    assert bad_role.exit_code == 2 and "rôle" in bad_role.output
