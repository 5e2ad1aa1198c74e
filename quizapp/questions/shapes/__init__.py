"""Question shapes that are not wh-rewrites of a clause: one module per shape.

The wh-rewrites live in :mod:`quizapp.questions.shapes.wh` (entry points in
:mod:`quizapp.questions.templates`); each module here turns a fact
and its sentence into a :class:`~quizapp.questions.templates.Transformed` of its own shape.
"""
