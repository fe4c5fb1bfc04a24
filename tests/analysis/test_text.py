from fanshelf.analysis.text import segment


def test_quotes_are_found_and_blanked_in_narration_without_moving_offsets():
    text = '"Run!" Clara tugged on his sleeve. "Now, Doctor."\nHe did not move.'
    doc = segment(text)
    assert [text[a:b] for a, b in doc.quotes] == ['"Run!"', '"Now, Doctor."']
    assert len(doc.narration) == len(text)
    assert "Run" not in doc.narration and "Clara tugged" in doc.narration
    assert doc.quote_at(text.index("Now")) == 1
    assert doc.quote_at(text.index("tugged")) is None


def test_speech_left_open_at_a_paragraph_end_closes_there():
    text = '"It was a long war. Too long.\n"And then it ended," he said.\nShe nodded.'
    doc = segment(text)
    assert doc.quotes[0] == (0, text.index("\n"))
    assert "he said" in doc.narration and "She nodded" in doc.narration


def test_single_quote_dialogue_is_read_when_a_story_uses_it():
    text = "'I don't know,' said Amy. 'It's late.'\nRory's coat was wet. 'Come on,' he said."
    doc = segment(text)
    assert [text[a:b] for a, b in doc.quotes] == ["'I don't know,'", "'It's late.'", "'Come on,'"]


def test_sentences_do_not_break_after_titles():
    text = "Mr. Holmes looked up. Dr. Watson sighed. It was late."
    doc = segment(text)
    assert [doc.sentence_text(i) for i in range(len(doc.sentences))] == [
        "Mr. Holmes looked up.",
        "Dr. Watson sighed.",
        "It was late.",
    ]


def test_dialogue_share_counts_words_inside_quotes():
    doc = segment('"One two three," she said.')
    assert doc.words == 5
    assert doc.dialogue_share == 3 / 5


def test_hard_wrapped_paragraphs_are_joined():
    text = "It was a dark\nand stormy night.\n\nThe rain fell\nin torrents."
    doc = segment(text)
    assert len(doc.paragraphs) == 2
    assert doc.sentence_text(0) == "It was a dark\nand stormy night."
