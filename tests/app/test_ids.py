from app.ids import new_id, short_reference


def test_ids_are_time_ordered_and_unique() -> None:
    ids = [new_id() for _ in range(2_000)]
    assert len(set(ids)) == len(ids)
    assert ids == sorted(ids)
    assert all(i.version == 7 for i in ids)


def test_reference_is_readable_over_the_phone() -> None:
    ref = short_reference(new_id())
    assert len(ref) == 11 and ref.startswith("R-") and ref[6] == "-"
    assert not set(ref[2:].replace("-", "")) & set("ILOU")
