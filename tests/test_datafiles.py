from patienthub.datafiles import load_data_file


def test_lines_and_safety_rules(tmp_path):
    path = tmp_path / "data.yml"
    path.write_text("a:\n  b: 1\nc: !!python/name:os.system\n", encoding="utf-8")
    data = load_data_file(path, tmp_path)
    assert data.path == "data.yml"
    assert data.data == {"a": {"b": 1}, "c": None}
    assert data.line_of("a", "b") == 2
    assert [(f.rule, f.line) for f in data.findings] == [("schema.yaml-tag", 3)]


def test_missing_file_is_a_finding_unless_optional(tmp_path):
    assert [f.rule for f in load_data_file(tmp_path / "x.yml", tmp_path).findings] == ["schema.data-missing"]
    assert load_data_file(tmp_path / "x.yml", tmp_path, required=False).findings == ()


def test_not_utf8(tmp_path):
    path = tmp_path / "x.yml"
    path.write_bytes(b"a: \xff\n")
    assert [f.rule for f in load_data_file(path, tmp_path).findings] == ["schema.encoding"]
