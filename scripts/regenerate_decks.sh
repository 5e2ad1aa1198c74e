#!/bin/sh
# Regenerate the bundled decks in decks/ from the sample articles.
# Usage: scripts/regenerate_decks.sh [ARTICLES_DIR]   (default: ../shared/articles)
#
# The blog article states no publication date; its newest post is from 16 July 2024,
# so --default-date 2024-07-16 anchors its relative dates ("last year", "in February").
# --default-date dates only articles that state no date of their own, so in the merged deck
# the relations article keeps its dateline's 1 August 2024.
set -e
ARTICLES="${1:-../shared/articles}"
PY="${PYTHON:-python}"
BLOG_DATE=2024-07-16
"$PY" -m quizapp generate "$ARTICLES/cuba-korea-blog.txt" -o decks/cuba-korea-blog.yaml --default-date "$BLOG_DATE" --seed 0 --force
for name in ri-il-gyu-relations ri-il-kyu-cigars; do
    "$PY" -m quizapp generate "$ARTICLES/$name.txt" -o "decks/$name.yaml" --seed 0 --force
done
"$PY" -m quizapp generate "$ARTICLES/cuba-korea-blog.txt" "$ARTICLES/ri-il-gyu-relations.txt" \
    "$ARTICLES/ri-il-kyu-cigars.txt" -o decks/cuba-koreas-merged.yaml --default-date "$BLOG_DATE" \
    --title "Cuba and the two Koreas (three articles)" --seed 0 --force
"$PY" -m quizapp validate decks/*.yaml
