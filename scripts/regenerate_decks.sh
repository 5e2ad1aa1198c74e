#!/bin/sh
# Regenerate the bundled decks in decks/ from the sample articles.
# Usage: scripts/regenerate_decks.sh [ARTICLES_DIR]   (default: ../shared/articles)
set -e
ARTICLES="${1:-../shared/articles}"
PY="${PYTHON:-python}"
for name in cuba-korea-blog ri-il-gyu-relations ri-il-kyu-cigars; do
    "$PY" -m quizapp generate "$ARTICLES/$name.txt" -o "decks/$name.yaml" --seed 0
done
"$PY" -m quizapp generate "$ARTICLES/cuba-korea-blog.txt" "$ARTICLES/ri-il-gyu-relations.txt" \
    "$ARTICLES/ri-il-kyu-cigars.txt" -o decks/cuba-koreas-merged.yaml \
    --title "Cuba and the two Koreas (three articles)" --seed 0
"$PY" -m quizapp validate decks/*.yaml
