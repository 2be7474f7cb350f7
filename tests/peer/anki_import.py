"""Imports an argwalk Anki export into a fresh collection with Anki's own library, and prints
the number of cards and the deck they landed in. Used by tests/exports.rs."""
import os
import sys
import tempfile

from anki.collection import Collection, ImportCsvRequest

path = sys.argv[1]
with tempfile.TemporaryDirectory() as tmp:
    col = Collection(os.path.join(tmp, "collection.anki2"))
    metadata = col.get_csv_metadata(path=path, delimiter=None)
    col.import_csv(ImportCsvRequest(path=path, metadata=metadata))
    decks = sorted(d.name for d in col.decks.all_names_and_ids() if d.name != "Default")
    print(col.card_count())
    print("|".join(decks))
    # Then each note's fields, one JSON list a line, in the file's order.
    import json
    for nid in sorted(col.find_notes("")):
        note = col.get_note(nid)
        print(json.dumps(list(note.fields) + [" ".join(note.tags)]))
    col.close()
