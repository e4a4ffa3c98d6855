"""The key locator: every key path maps to the line a person wrote it on."""

from __future__ import annotations

from textwrap import dedent

from pfrelax.formats.toml_lines import format_key_path, locate_keys

TEXT = dedent(
    '''\
    pfrelax = 1  # version
    text = """
    seconds = 3 is inside a string, not a key
    """
    tags = [
      "calm",  # a comment with = in it
      "evening",
    ]
    "quoted key" = 'literal'

    [[step]]
    type = "rest"

    [[step]]
    pattern = { inhale = 4,
      exhale = 6 }
    ramp = { to = { inhale = 4, exhale = 8 }, minutes = 2 }

    [checkin]
    x.y = 1
    '''
)


def test_top_level_keys_are_found_on_their_lines() -> None:
    lines = locate_keys(TEXT).lines
    assert lines[("pfrelax",)] == 1
    assert lines[("text",)] == 2
    assert lines[("quoted key",)] == 9


def test_a_key_written_inside_a_multi_line_string_is_not_a_key() -> None:
    assert ("seconds",) not in locate_keys(TEXT).lines


def test_array_items_are_found_on_their_own_lines() -> None:
    lines = locate_keys(TEXT).lines
    assert (lines[("tags", 0)], lines[("tags", 1)]) == (6, 7)


def test_array_tables_are_numbered_from_zero_with_their_keys() -> None:
    lines = locate_keys(TEXT).lines
    assert lines[("step", 0)] == 11
    assert lines[("step", 0, "type")] == 12
    assert lines[("step", 1)] == 14


def test_keys_of_inline_tables_are_found_even_when_nested() -> None:
    lines = locate_keys(TEXT).lines
    assert lines[("step", 1, "pattern", "inhale")] == 15
    assert lines[("step", 1, "pattern", "exhale")] == 16
    assert lines[("step", 1, "ramp", "to", "exhale")] == 17


def test_dotted_keys_under_a_table_header() -> None:
    assert locate_keys(TEXT).lines[("checkin", "x", "y")] == 20


def test_a_path_not_written_falls_back_to_its_nearest_written_parent() -> None:
    found = locate_keys(TEXT)
    assert found.line_of(("step", 1, "pattern", "hold_in")) == 15
    assert found.line_of(("step", 0, "seconds")) == 11
    assert found.line_of(("title",)) is None


def test_an_unterminated_string_is_found_and_scanning_stops_quietly() -> None:
    found = locate_keys('a = 1\nb = "open\nc = 2\n')
    assert found.unterminated_string_line == 2
    assert ("c",) not in found.lines


def test_a_key_written_twice_is_kept_at_its_first_line_and_listed() -> None:
    found = locate_keys("a = 1\nb = 2\na = 3\n")
    assert found.lines[("a",)] == 1
    assert found.duplicates == [(("a",), 3)]


def test_key_paths_read_like_the_file() -> None:
    assert format_key_path(("step", 2, "pattern", "exhale")) == "step[2].pattern.exhale"
    assert format_key_path(("tags", 1)) == "tags[1]"
    assert format_key_path(()) == ""


def test_a_sub_table_header_belongs_to_the_latest_array_table() -> None:
    text = '[[step]]\ntype = "rest"\n[[step]]\ntype = "breathe"\n[step.prompts]\ninhale = "In"\n'
    lines = locate_keys(text).lines
    assert lines[("step", 1, "prompts")] == 5
    assert lines[("step", 1, "prompts", "inhale")] == 6


def test_an_unclosed_array_at_the_end_of_the_text_stops_the_scan() -> None:
    # Found by fuzzing: this used to loop forever, recording ever more array items.
    locate_keys('a=[[""[')
    locate_keys("a = [1, ")
    locate_keys("a = { b = 1, ")
