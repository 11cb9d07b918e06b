from patienthub.text.datafiles import load_data_file


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


def test_a_data_file_over_the_limit_is_refused_unread(tmp_path):
    path = tmp_path / "terms.yml"
    path.write_bytes(b"a: " + b"x" * 1_100_000 + b"\n")
    data = load_data_file(path, tmp_path)
    assert data.data is None
    assert [(f.rule, f.line) for f in data.findings] == [("schema.too-large", 1)]
    assert "1,1 MB" in data.findings[0].message


def test_control_characters_and_non_finite_numbers_in_a_data_file(tmp_path):
    path = tmp_path / "x.yml"
    path.write_text('naam: "NHG\\e"\nper_100: .nan\nhoog: .inf\n', encoding="utf-8")
    data = load_data_file(path, tmp_path)
    assert data.data == {"naam": "NHG", "per_100": ".nan", "hoog": ".inf"}
    assert [(f.rule, f.line) for f in data.findings] == [("schema.control-character", 1)]
