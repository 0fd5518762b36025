"""The stopword-ratio language guess, on invented sentences."""
from kg.sources.language import MIN_WORDS, guess_language, is_english

EN = ("The finance minister said on Friday that the government would not raise taxes this year, "
      "but warned that spending on roads and schools would have to wait until the economy grew "
      "again and the budget was back in balance.")
FR = ("Le ministre des finances a déclaré vendredi que le gouvernement n'augmenterait pas les impôts "
      "cette année, mais il a averti que les dépenses pour les routes et les écoles devront attendre "
      "que l'économie reprenne et que le budget soit de nouveau en équilibre.")
ES = ("El ministro de finanzas dijo el viernes que el gobierno no subirá los impuestos este año, pero "
      "advirtió que el gasto en carreteras y escuelas tendrá que esperar hasta que la economía crezca "
      "de nuevo y el presupuesto vuelva a estar en equilibrio.")
RU = ("Министр финансов заявил в пятницу, что правительство не будет повышать налоги в этом году, "
      "но предупредил, что расходы на дороги и школы придется отложить, пока экономика снова не "
      "начнет расти и бюджет не будет сбалансирован, как это было раньше в прошлые годы.")


def test_english_is_recognised_with_a_high_ratio():
    g = guess_language(EN)
    assert g.code == "en" and g.english_ratio > 0.3 and is_english(EN) is True


def test_other_languages_are_named_or_unknown():
    assert guess_language(FR).code == "fr" and guess_language(FR).name == "French"
    assert guess_language(ES).code == "es"
    ru = guess_language(RU)
    assert ru.code is None and ru.english_ratio == 0 and is_english(RU) is False


def test_short_texts_are_not_judged():
    short = "Ministerin trifft Bürgermeister"
    assert guess_language(short).words < MIN_WORDS and is_english(short) is None
    assert is_english("") is None


# --- short texts: a few sentences decide (issue 10 item 12) -------------------------------------
# Invented sentences; each short text is under the old 30-word floor, where nothing was judged.

SHORT_FOREIGN = {
    "es": "El presidente del Gobierno se reunió el martes con los alcaldes de la provincia. "
          "La reunión duró dos horas y no hubo acuerdo sobre el presupuesto.",
    "fr": "Le ministre a rencontré mardi les maires de la région. La réunion a duré deux heures "
          "et il n'y a pas eu d'accord sur le budget.",
    "de": "Der Minister hat sich am Dienstag mit den Bürgermeistern der Region getroffen. "
          "Das Treffen dauerte zwei Stunden, und es gab keine Einigung.",
    "pt": "O ministro encontrou-se na terça-feira com os prefeitos da região. A reunião durou duas "
          "horas e não houve acordo sobre o orçamento.",
    "it": "Il ministro ha incontrato martedì i sindaci della regione. La riunione è durata due ore "
          "e non c'è stato alcun accordo sul bilancio.",
}
ONE_SPANISH_SENTENCE = "El presidente del Gobierno viajó ayer a la capital para hablar con los sindicatos."

SHORT_ENGLISH_WITH_FOREIGN_NAMES = [
    "Pedro Sánchez, the Spanish prime minister, met Luiz Inácio Lula da Silva and Ursula von der "
    "Leyen in Brussels on Tuesday.",
    "Marine Le Pen and Giorgia Meloni spoke at a rally in Los Angeles, while Nayib Bukele of El "
    "Salvador flew to La Paz.",
    "Bashar al-Assad received Recep Tayyip Erdoğan at the palace, according to Die Zeit and Le Monde.",
    "The deal, worth 3 per cent of output, was agreed de facto by Guillermo del Toro's producers in "
    "Mexico City.",
    "Jean-Claude Juncker met Andrés Manuel López Obrador and Dilma Rousseff for talks on trade.",
]


def test_a_few_sentences_of_another_language_are_judged_foreign():
    for code, text in SHORT_FOREIGN.items():
        g = guess_language(text)
        assert g.words < 30 and g.judged, code
        assert g.code == code and is_english(text) is False, (code, g)
    assert guess_language(ONE_SPANISH_SENTENCE).code == "es"


def test_short_english_full_of_foreign_names_is_english():
    for text in SHORT_ENGLISH_WITH_FOREIGN_NAMES:
        g = guess_language(text)
        assert g.code == "en" and is_english(text) is True, (text, g)


def test_another_script_is_not_english_even_when_short():
    short_ru = "Министр финансов заявил в пятницу, что налоги не вырастут."
    g = guess_language(short_ru)
    assert g.judged and g.code is None and "Cyrillic" in g.name and is_english(short_ru) is False
    # a few Latin names in a Greek sentence do not make it English
    assert is_english("Ο πρωθυπουργός συναντήθηκε με τον Emmanuel Macron στην Αθήνα χθες.") is False


def test_headlines_captions_and_name_lists_are_not_judged():
    for text in ("Putin Meets Xi In Beijing As Trade Talks Resume Again",
                 "Angela Merkel, Emmanuel Macron, Pedro Sánchez, Giuseppe Conte, Mark Rutte"):
        assert is_english(text) is None, text


def test_a_short_foreign_article_is_skipped_naming_the_flag(tmp_path):
    from kg.article import Article
    from kg.sources import SkippedArticle, iter_articles

    (tmp_path / "nota.txt").write_text("Reunión en Madrid\n" + SHORT_FOREIGN["es"], encoding="utf-8")
    (tmp_path / "note.txt").write_text("Talks in Brussels\n" + SHORT_ENGLISH_WITH_FOREIGN_NAMES[0],
                                       encoding="utf-8")
    items = {getattr(i, "input", None) or i.title: i for i in iter_articles([str(tmp_path)])}
    skipped = [i for i in items.values() if isinstance(i, SkippedArticle)]
    assert len(skipped) == 1 and skipped[0].input.endswith("nota.txt")
    assert "Spanish" in skipped[0].reason and "--any-language" in skipped[0].reason
    kept = [i for i in items.values() if isinstance(i, Article)]
    assert [a.title for a in kept] == ["Talks in Brussels"]
    both = list(iter_articles([str(tmp_path)], check_language=False))
    assert sorted(a.title for a in both if isinstance(a, Article)) == ["Reunión en Madrid", "Talks in Brussels"]
