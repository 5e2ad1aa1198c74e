"""The one thing pyproject.toml cannot say: the repository's top-level ``decks/`` folder ships inside the
package as ``quizapp/decks`` (a package_dir mapping), so a wheel or ``pipx install`` has the bundled decks
while the repository keeps them where people look for them. Everything else is in pyproject.toml."""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["quizapp", "quizapp.*"]), "quizapp.decks"],
    package_dir={"quizapp.decks": "decks"},
)
