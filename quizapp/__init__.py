"""quizapp: turn articles into quiz decks and study them in the terminal."""

__version__ = "0.1.0"
