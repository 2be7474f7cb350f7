"""Imports argwalk Anki exports, each into a fresh collection with Anki's own library, and
prints for each the number of cards, the deck they landed in and each note's fields (one JSON
list a line); a line `==` separates the files. Used by tests/exports.rs and tests/peers.rs."""
import json
import os
import sys
import tempfile

from anki.collection import Collection, ImportCsvRequest
from anki.errors import BackendError

for i, path in enumerate(sys.argv[1:]):
    if i > 0:
        print("==")
    with tempfile.TemporaryDirectory() as tmp:
        col = Collection(os.path.join(tmp, "collection.anki2"))
        try:
            metadata = col.get_csv_metadata(path=path, delimiter=None)
        except BackendError as e:
            # A map with no premise, objection or quote has no card: Anki calls the file empty.
            if "empty" not in str(e):
                raise
            print(0)
            print("")
            col.close()
            continue
        col.import_csv(ImportCsvRequest(path=path, metadata=metadata))
        decks = sorted(d.name for d in col.decks.all_names_and_ids() if d.name != "Default")
        print(col.card_count())
        print("|".join(decks))
        for nid in sorted(col.find_notes("")):
            note = col.get_note(nid)
            print(json.dumps(list(note.fields) + [" ".join(note.tags)]))
        col.close()
