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
