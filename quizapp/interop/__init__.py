"""Decks in and out of other flashcard programs: Anki packages, Anki's and Quizlet's text files.

Domain code only (no UI): :mod:`.convert` picks the reader or writer from a file's suffix;
:mod:`.anki_export` writes ``.apkg`` packages (through genanki), :mod:`.anki_import` reads
``.apkg``/``.colpkg`` collections (plain SQLite, read with the stdlib), :mod:`.text_io` reads
and writes CSV/TSV, :mod:`.history` turns Anki's review log into quizapp's schedule.
Whatever cannot be carried over is listed in a :class:`~.report.TransferReport`.
"""
