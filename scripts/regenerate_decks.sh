#!/bin/sh
# Regenerate the bundled decks in decks/ from the sample articles.
# Usage: scripts/regenerate_decks.sh [ARTICLES_DIR]   (default: ../shared/articles)
#
# The blog article states no publication date; its newest post is from 16 July 2024,
# so --date 2024-07-16 anchors its relative dates ("last year", "in February").
# --date overrides every article of a command, so the merged deck records 2024-07-16 for all three
# (the relations article says 1 August 2024; both anchor its relative dates to the same values).
set -e
ARTICLES="${1:-../shared/articles}"
PY="${PYTHON:-python}"
BLOG_DATE=2024-07-16
"$PY" -m quizapp generate "$ARTICLES/cuba-korea-blog.txt" -o decks/cuba-korea-blog.yaml --date "$BLOG_DATE" --seed 0
for name in ri-il-gyu-relations ri-il-kyu-cigars; do
    "$PY" -m quizapp generate "$ARTICLES/$name.txt" -o "decks/$name.yaml" --seed 0
done
"$PY" -m quizapp generate "$ARTICLES/cuba-korea-blog.txt" "$ARTICLES/ri-il-gyu-relations.txt" \
    "$ARTICLES/ri-il-kyu-cigars.txt" -o decks/cuba-koreas-merged.yaml --date "$BLOG_DATE" \
    --title "Cuba and the two Koreas (three articles)" --seed 0
"$PY" -m quizapp validate decks/*.yaml
