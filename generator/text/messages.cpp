#include "text/messages.h"

#include <unordered_map>

namespace vitrina {

namespace {
std::string g_lang = "ru";

struct Entry { const char* ru; const char* en; };

const std::unordered_map<std::string_view, Entry>& catalogue() {
  static const std::unordered_map<std::string_view, Entry> m = {
      {"json.syntax", {"синтаксическая ошибка JSON: {0}", "JSON syntax error: {0}"}},
      // What explain_json_error (load/json_syntax.h) found, with what to do about it.
      {"json.empty", {"файл пуст: в нём должен быть объект JSON {…}", "the file is empty: it must hold a JSON object {…}"}},
      {"json.missing_comma", {"пропущена запятая: поставьте «,» здесь, перед {0} в строке {1}",
                              "missing comma: put \",\" here, before {0} on line {1}"}},
      {"json.trailing_comma", {"лишняя запятая перед {0}: после последнего элемента запятая не ставится",
                               "extra comma before {0}: there is no comma after the last item"}},
      {"json.decimal_comma", {"десятичная запятая в числе {0}: в JSON дробную часть отделяет точка — {1}",
                              "decimal comma in the number {0}: JSON uses a point — {1}"}},
      {"json.smart_quote", {"типографская кавычка {0} вместо прямой \" (так бывает, когда текст вставлен из Word): "
                            "ключи и тексты в JSON заключаются в прямые кавычки \"…\", а «ёлочки» и “лапки” "
                            "можно оставить только внутри текста",
                            "typographic quote {0} instead of a straight \" (as pasted from Word): JSON keys and "
                            "texts are written in straight quotes \"…\"; «» and “” may stay only inside a text"}},
      {"json.inner_quote", {"прямая кавычка \" внутри текста закрыла его раньше времени: внутри текста пишите "
                            "«ёлочки» или \\\"",
                            "a straight quote \" inside a text ended it early: inside a text write «» or \\\""}},
      {"json.cp1251", {"файл сохранён в кодировке Windows-1251, а нужна UTF-8: откройте его в Блокноте и выберите "
                       "«Сохранить как» → «Кодировка: UTF-8» (в LibreOffice: «Кодировка: Юникод (UTF-8)»)",
                       "the file is saved in the Windows-1251 encoding, not UTF-8: open it in Notepad and choose "
                       "Save As → Encoding: UTF-8"}},
      {"json.utf16", {"файл сохранён в кодировке UTF-16 («Юникод» в Блокноте), а нужна UTF-8: выберите «Сохранить "
                      "как» → «Кодировка: UTF-8»",
                      "the file is saved in UTF-16 (Notepad's \"Unicode\"), not UTF-8: choose Save As → Encoding: UTF-8"}},
      {"json.not_utf8", {"байт 0x{0} не из кодировки UTF-8: сохраните файл в кодировке UTF-8",
                         "byte 0x{0} is not UTF-8: save the file in the UTF-8 encoding"}},
      {"json.bom", {"невидимый знак BOM (U+FEFF) не в начале файла — так бывает, когда склеены два файла или "
                    "вставлен текст из другого файла: удалите его (он стоит прямо перед {0})",
                    "an invisible BOM (U+FEFF) not at the start of the file, as when two files were joined: "
                    "delete it (it is just before {0})"}},
      {"json.nbsp", {"неразрывный пробел (U+00A0) между элементами: замените его обычным пробелом",
                     "a no-break space (U+00A0) between items: replace it with an ordinary space"}},
      {"json.single_quote", {"одинарная кавычка ': ключи и тексты в JSON заключаются в двойные кавычки \"…\"",
                             "single quote ': JSON keys and texts are written in double quotes \"…\""}},
      {"json.comment", {"комментарии в JSON не допускаются: удалите его (пояснение можно записать в поле notes)",
                        "JSON has no comments: remove it (an explanation can go into the notes field)"}},
      {"json.key_unquoted", {"имя поля {0} без кавычек: пишите его в двойных кавычках, \"имя\": значение",
                             "field name {0} without quotes: write it in double quotes, \"name\": value"}},
      {"json.key_expected", {"здесь должно быть имя поля в кавычках (\"имя\": значение), а стоит {0}",
                             "a field name in quotes (\"name\": value) is due here, not {0}"}},
      {"json.missing_colon", {"после имени поля {0} нужно двоеточие «:»", "the field name {0} must be followed by \":\""}},
      {"json.value_expected", {"здесь должно быть значение (текст в кавычках \"…\", число, true, false, null, {…} "
                               "или […]), а стоит {0}",
                               "a value (\"text\", a number, true, false, null, {…} or […]) is due here, not {0}"}},
      {"json.comma_expected", {"здесь должна быть запятая или закрывающая скобка, а стоит {0}",
                               "a comma or a closing bracket is due here, not {0}"}},
      {"json.bad_literal", {"недопустимое значение {0}: текст пишется в кавычках \"…\", а из слов допустимы только "
                            "true, false и null",
                            "invalid value {0}: texts are written in quotes \"…\"; the only bare words are true, "
                            "false and null"}},
      {"json.bad_number", {"недопустимое число {0}: число пишется цифрами, без единиц измерения и пробелов, дробная "
                           "часть — через точку (47.1)",
                           "invalid number {0}: digits only, no units or spaces, a point before the fraction (47.1)"}},
      {"json.bad_escape", {"недопустимая последовательность {0} в тексте: обратная косая черта пишется как \\\\",
                           "invalid escape {0} in a text: write a backslash as \\\\"}},
      {"json.control_char", {"в тексте недопустим управляющий знак {0}: замените его пробелом",
                             "control character {0} in a text: replace it with a space"}},
      {"json.tab", {"табуляции", "tab"}},
      {"json.unclosed_string", {"текст, начатый здесь, не закрыт кавычкой \" до конца строки {0}",
                                "the text starting here is not closed by \" before the end of line {0}"}},
      {"json.unclosed", {"файл обрывается: не закрыта скобка {0} из строки {1}",
                         "the file ends early: the bracket {0} of line {1} is not closed"}},
      {"json.mismatch", {"скобка {0} не закрывает {1} из строки {2}", "{0} does not close the {1} of line {2}"}},
      {"json.trailing", {"после конца документа лишний текст {0} (возможно, лишняя закрывающая скобка)",
                         "text {0} after the end of the document (an extra closing bracket?)"}},
      {"json.too_deep", {"вложенность глубже {0} уровней", "nesting deeper than {0} levels"}},
      {"json.number_range", {"число {0} слишком велико", "the number {0} is too large"}},
      {"json.other", {"запись не соответствует формату JSON", "the text is not valid JSON"}},
      {"json.duplicate_key", {"ключ «{0}» повторяется; JSON оставил бы только последнее значение",
                              "duplicate key \"{0}\": JSON would keep only the last value"}},
      {"file.unreadable", {"не удаётся прочитать файл: {0}", "cannot read file: {0}"}},
      {"file.missing", {"нет обязательного файла", "required file is missing"}},
      {"file.too_large", {"файл слишком большой ({0} байт, предел {1})", "file too large ({0} bytes, limit {1})"}},
      {"field.unknown", {"неизвестное поле «{0}»: Vitrina его не читает; если оно добавлено намеренно, укажите у этого "
                         "объекта \"acknowledged\": [\"unknown-field\"] (или \"strict\": false в data/site.json)",
                         "unknown field \"{0}\": Vitrina does not read it; if it is there on purpose, give this object "
                         "\"acknowledged\": [\"unknown-field\"] (or \"strict\": false in data/site.json)"}},
      {"field.unknown_suggest", {"неизвестное поле «{0}»; возможно, имелось в виду «{1}»",
                                 "unknown field \"{0}\"; did you mean \"{1}\"?"}},
      {"field.required", {"нет обязательного поля «{0}»", "missing required field \"{0}\""}},
      {"type.expected", {"ожидается {0}, а указано {1}", "expected {0}, got {1}"}},
      {"type.string", {"текст", "a string"}},
      {"type.number", {"число", "a number"}},
      {"type.integer", {"целое число", "an integer"}},
      {"type.boolean", {"true или false", "true or false"}},
      {"type.array", {"массив", "an array"}},
      {"type.object", {"объект", "an object"}},
      {"type.null", {"null", "null"}},
      {"type.text_or_list", {"текст или массив текстов", "a string or an array of strings"}},
      {"type.text_or_object", {"текст или объект", "a string or an object"}},
      {"value.not_finite", {"число вне допустимого диапазона", "number out of range"}},
      {"value.enum", {"недопустимое значение «{0}»; допустимы: {1}", "invalid value \"{0}\"; allowed: {1}"}},
      {"value.enum_suggest", {"недопустимое значение «{0}»; возможно, «{1}» (допустимы: {2})",
                              "invalid value \"{0}\"; did you mean \"{1}\"? (allowed: {2})"}},
      {"value.id", {"недопустимый идентификатор «{0}»: нужны латинские буквы, цифры, «.», «_», «-», не более 100 символов",
                    "invalid id \"{0}\": use latin letters, digits, '.', '_', '-', at most 100 characters"}},
      {"value.date", {"недопустимая дата «{0}»: нужен формат ГГГГ, ГГГГ-ММ или ГГГГ-ММ-ДД",
                      "invalid date \"{0}\": use YYYY, YYYY-MM or YYYY-MM-DD"}},
      {"value.full_date", {"недопустимая дата «{0}»: нужна полная дата ГГГГ-ММ-ДД",
                           "invalid date \"{0}\": a full date YYYY-MM-DD is needed"}},
      {"value.year", {"недопустимый год {0}", "invalid year {0}"}},
      {"value.lines", {"поле lines должно быть [первая, последняя] строка, 1 ≤ первая ≤ последняя",
                       "lines must be [first, last] with 1 <= first <= last"}},
      {"value.empty", {"пустой текст: если в документе значения нет, поле нужно опустить",
                       "empty text: leave the field out when the document does not give it"}},
      {"value.invalid_utf8", {"текст не в кодировке UTF-8", "text is not valid UTF-8"}},
      {"id.duplicate", {"идентификатор «{0}» уже использован (впервые в строке {1})",
                        "duplicate id \"{0}\" (first used on line {1})"}},
      {"ref.unknown", {"ссылка на неизвестный объект «{0}» ({1})", "reference to unknown {1} \"{0}\""}},
      {"ref.unknown_suggest", {"ссылка на неизвестный объект «{0}» ({1}); возможно, «{2}»",
                               "reference to unknown {1} \"{0}\"; did you mean \"{2}\"?"}},
      {"table.row_cells", {"в строке {0} ячеек, а столбцов в таблице {1}", "the row has {0} cells, the table {1} columns"}},
      {"measure_table.duplicate_column", {"столбец «{0}» уже описан в этой таблице",
                                          "column \"{0}\" is already described in this table"}},
      {"measure_table.no_name", {"в таблице мероприятий нет столбца «name» (наименование мероприятия)",
                                 "the measure table has no \"name\" column (the measure's name)"}},
      {"ref.self_parent", {"мероприятие не может быть своим родителем", "a measure cannot be its own parent"}},
      {"ref.parent_cycle", {"цикл в иерархии мероприятий", "cycle in the measure hierarchy"}},
      {"kind.indicator", {"показатель", "indicator"}},
      {"kind.direction", {"направление", "direction"}},
      {"kind.goal", {"цель", "goal"}},
      {"kind.task", {"задача", "task"}},
      {"kind.group", {"группа показателей", "indicator group"}},
      {"kind.section", {"раздел мероприятий", "measure section"}},
      {"kind.measure", {"мероприятие", "measure"}},
      {"kind.organisation", {"организация", "organisation"}},
      {"kind.reference", {"документ", "reference"}},
      {"kind.programme", {"программа", "programme"}},
      {"year.outside_period", {"год {0} вне периода программы {1}–{2}", "year {0} is outside the programme period {1}–{2}"}},
      {"year.fact_future", {"факт за {0} год позже отчётного года {1}", "fact for {0} is later than the report year {1}"}},
      {"year.duplicate_fact", {"факт за {0} год указан дважды", "two facts for {0}"}},
      {"year.duplicate_interim_fact", {"факт за {0} год ({1}) указан дважды", "two facts for {0} ({1})"}},
      {"year.fact_after_period", {"факт за {0} {1} года позже отчётного периода ({2}): не учитывается",
                                  "fact for {0} {1} is later than the report period ({2}): not counted"}},
      {"site.as_of_before_year", {"дата «по состоянию на» {0} раньше начала отчётного года {1}",
                                  "the as-of date {0} is before the report year {1} begins"}},
      {"fact_period.q1", {"I квартал", "Q1"}},
      {"fact_period.h1", {"полугодие", "first half"}},
      {"fact_period.m9", {"9 месяцев", "nine months"}},
      {"fact_period.year", {"год", "year"}},
      {"report_period.q1", {"I квартал {0} г.", "Q1 {0}"}},
      {"report_period.h1", {"I полугодие {0} г.", "first half of {0}"}},
      {"report_period.m9", {"9 месяцев {0} г.", "nine months of {0}"}},
      {"report_period.year", {"{0} год", "year {0}"}},
      {"report.as_of", {"по состоянию на {0}", "as of {0}"}},
      {"period.reversed", {"начало периода {0} позже конца {1}", "period start {0} is after its end {1}"}},
      {"programme.id_mismatch", {"id «{0}» не совпадает с именем папки «{1}»", "id \"{0}\" does not match the folder name \"{1}\""}},
      {"programme.file_mismatch", {"поле programme «{0}» не совпадает с папкой «{1}»",
                                   "\"programme\" is \"{0}\" but the folder is \"{1}\""}},
      {"programme.none", {"в data/programmes нет ни одной программы", "no programme in data/programmes"}},
      {"programme.order_unknown", {"в списке programmes указана неизвестная программа «{0}»",
                                   "\"programmes\" names unknown programme \"{0}\""}},
      {"period.unparsed", {"срок «{0}» не удалось разобрать: он будет показан как текст",
                           "term \"{0}\" could not be parsed: it is shown as text"}},
      {"period.outside", {"срок мероприятия «{0}» выходит за период программы {1}–{2}",
                          "measure term \"{0}\" is outside the programme period {1}–{2}"}},
      {"term.no_such_month", {"несуществующая дата «{0}» в сроке: месяц — второе число, от 1 до 12",
                              "no such date \"{0}\" in the term: the month is the second number, 1 to 12"}},
      {"term.no_such_day", {"несуществующая дата «{0}» в сроке: последнее число этого месяца — {1}",
                            "no such date \"{0}\" in the term: that month ends on day {1}"}},
      {"term.reversed_years", {"годы «{0}» в сроке идут в обратном порядке: начальный год пишется первым — «{1}»",
                               "the years \"{0}\" in the term are reversed: the first year comes first — \"{1}\""}},
      {"term.reversed_dates", {"даты «{0}» в сроке идут в обратном порядке: начальная дата пишется первой — «{1}»",
                               "the dates \"{0}\" in the term are reversed: the start date comes first — \"{1}\""}},
      {"term.end_before_start", {"окончание срока «{0}» раньше его начала «{1}»",
                                 "the term ends on \"{0}\", before its start \"{1}\""}},
      {"share.range", {"доля {0} % вне пределов 0–100 %; если показатель «{1}» может превышать 100 %, укажите у него "
                       "\"acknowledged\": [\"share-range\"]",
                       "share {0} % is outside 0–100 %; if indicator \"{1}\" may exceed 100 %, give it "
                       "\"acknowledged\": [\"share-range\"]"}},
      {"share.ratio_range", {"числитель {0} и знаменатель {1} дают долю вне пределов 0–100 %; если показатель «{2}» "
                             "может превышать 100 %, укажите у него \"acknowledged\": [\"share-range\"]",
                             "numerator {0} and denominator {1} give a share outside 0–100 %; if indicator \"{2}\" "
                             "may exceed 100 %, give it \"acknowledged\": [\"share-range\"]"}},
      {"front.unclosed", {"блок front matter не закрыт строкой ---", "front matter is not closed by a --- line"}},
      {"front.yaml", {"ошибка YAML в front matter: {0}", "YAML error in front matter: {0}"}},
      {"front.unknown", {"неизвестное поле «{0}» во front matter: допустимы title, order, menu и source_lines",
                         "unknown front matter field \"{0}\": title, order, menu and source_lines are allowed"}},
      {"front.unknown_suggest", {"неизвестное поле «{0}» во front matter; возможно, имелось в виду «{1}»",
                                 "unknown front matter field \"{0}\"; did you mean \"{1}\"?"}},
      {"front.title", {"у страницы нет title во front matter", "page has no title in its front matter"}},
      {"content.programme_unknown", {"папка content/{0} не соответствует ни одной программе",
                                     "content/{0} matches no programme"}},
      {"content.symlink", {"символическая ссылка пропущена: Vitrina не читает файлы вне папки сайта",
                           "symbolic link skipped: Vitrina does not read files outside the site folder"}},
      {"content.folder_unreadable", {"не удаётся прочитать папку (нет прав на чтение?): страницы из неё не попали бы на сайт",
                                     "cannot read the folder (no read permission?): its pages would not be published"}},
      {"target.no_value_no_text", {"у целевого значения нет ни value, ни printed", "target has neither value nor printed"}},
      {"indicator.kind_better", {"kind «{0}» противоречит better «{1}»: у показателя «да/нет» kind — yes_no, а better — yes, no или не указан",
                                 "kind \"{0}\" contradicts better \"{1}\": a yes/no indicator has kind yes_no and better yes, no or none"}},
      {"yes_no.value", {"значение показателя «да/нет» должно быть 0 или 1", "a yes/no value must be 0 or 1"}},
      {"status.achieved", {"достигнут", "achieved"}},
      {"status.on_track", {"в графике", "on track"}},
      {"status.in_progress", {"в работе", "in progress"}},
      {"status.at_risk", {"под угрозой", "at risk"}},
      {"status.not_achieved", {"не достигнут", "not achieved"}},
      {"status.no_data", {"нет данных", "no data yet"}},
      {"status.no_target", {"нет плана на год", "no target that year"}},
      {"measure_status.planned", {"запланировано", "planned"}},
      {"measure_status.in_progress", {"выполняется", "in progress"}},
      {"measure_status.done", {"выполнено", "done"}},
      {"measure_status.not_done", {"не выполнено", "not done"}},
      {"measure_status.cancelled", {"отменено", "cancelled"}},
      {"measure_status.no_status", {"нет сведений", "no status"}},
      {"measure_status.overdue", {"просрочено", "overdue"}},
      {"rating.high", {"высокая", "high"}},
      {"rating.medium", {"средняя", "medium"}},
      {"rating.satisfactory", {"удовлетворительная", "satisfactory"}},
      {"rating.unsatisfactory", {"неудовлетворительная", "unsatisfactory"}},
      {"rating.not_assessable", {"не оценивается", "not assessable"}},
      {"summary.diags", {"ошибок: {0}, предупреждений: {1}", "{0} error(s), {1} warning(s)"}},
      {"summary.acknowledged", {" (и {0} проверенных, скрыто; --show-acknowledged)",
                                " (and {0} reviewed, hidden; --show-acknowledged)"}},
      {"cli.show_ack", {"Показывать и проверенные предупреждения (acknowledged в данных)",
                        "Also print warnings the data marks as reviewed (acknowledged)"}},
      {"search.off", {"поиск по сайту отключён (--no-search): на опубликованном сайте не будет поиска",
                      "site search is off (--no-search): the published site has no search"}},
      {"cli.no_search", {"Не строить поисковый индекс (на сайте не будет поиска)",
                         "Do not build the search index (the site will have no search)"}},
      {"serve.listening", {"Предпросмотр: {0} (Ctrl+C — остановить)", "Preview: {0} (Ctrl+C to stop)"}},
      {"serve.bind_failed", {"не удалось открыть {0}:{1}", "cannot listen on {0}:{1}"}},
      {"content.utf8", {"текст не в кодировке UTF-8: сохраните файл в UTF-8",
                        "invalid UTF-8: save the file in UTF-8 encoding"}},
      {"content.slug_duplicate", {"адрес страницы «{0}» уже занят файлом {1}", "page address \"{0}\" is already taken by {1}"}},
      {"progress.render", {"Создаются страницы: {0}…", "Rendering {0} pages…"}},
      {"build.failed", {"Сборка не выполнена: опубликованный сайт не изменён.",
                        "Build failed: the published site was left unchanged."}},
      {"build.done", {"Готово: {0} стр. (отрисовано {5}); файлов записано {1}, без изменений {2}, удалено {3}; {4} мс.",
                      "Done: {0} pages ({5} rendered); {1} files written, {2} unchanged, {3} removed; {4} ms."}},
      {"build.output_changed", {"файл опубликованного сайта изменился во время сборки; запустите сборку ещё раз",
                                "a file of the published site changed during the build; run the build again"}},
      {"htaccess.generated", {"Создано Vitrina по настройке \"htaccess\": true в data/site.json; следующая сборка перезапишет правки.",
                              "Written by Vitrina for \"htaccess\": true in data/site.json; the next build overwrites edits."}},
      {"htaccess.override", {"Для этой папки в настройках Apache нужно AllowOverride FileInfo (или All).",
                             "Needs AllowOverride FileInfo (or All) for this folder in Apache's configuration."}},
      {"htaccess.rewrite", {"Правила перезаписи адресов CMS из родительской папки (1С-Битрикс, WordPress) здесь не действуют: на отсутствующий адрес отвечает 404.html сайта.",
                            "A CMS's rewrite rules in a parent folder (1C-Bitrix, WordPress) do not apply here: a missing address gets the site's 404.html."}},
      {"htaccess.cache", {"Файлы с хешем в имени не меняются и кешируются на год; остальные браузер перепроверяет (304, если файл тот же).",
                          "Files with a hash in their name never change and are cached for a year; the browser revalidates the others (304 when unchanged)."}},
      {"htaccess.stamp", {"Список файлов, которые записала Vitrina (служебный, посетителям не нужен).",
                          "The list of files Vitrina wrote (for Vitrina, not for visitors)."}},
      {"htaccess.compress", {"Сжатие текстовых файлов, если на хостинге есть mod_deflate.",
                             "Compresses text files when the host has mod_deflate."}},
      {"build.open", {"Откройте {0}", "Open {0}"}},
      // Where Vitrina writes (write/ownership.h, write/lock.h, write/publish.h).
      {"out.root_or_home", {"Нельзя собирать сайт в «{0}»: это корень файловой системы или домашняя папка. Укажите "
                            "отдельную папку для сайта, например --out public.",
                            "Cannot build into \"{0}\": it is the root folder or the home folder. Name a folder of its "
                            "own for the site, e.g. --out public."}},
      {"out.contains_site", {"Папка результата «{0}» — это папка сайта «{1}» или папка, в которой он лежит: сборка "
                             "заменила бы исходные файлы. Укажите другую папку, например --out {1}/output.",
                             "The output folder \"{0}\" is the site folder \"{1}\" or holds it: a build would replace "
                             "the sources. Name another folder, e.g. --out {1}/output."}},
      {"out.inside_input", {"Папка результата «{0}» лежит среди исходных файлов сайта («{1}»): Витрина не пишет в "
                            "data/, content/, templates/ и themes/. Укажите папку вне них.",
                            "The output folder \"{0}\" is inside the site's sources (\"{1}\"): Vitrina never writes "
                            "into data/, content/, templates/ or themes/. Name a folder outside them."}},
      {"out.inside_cache", {"Папка результата «{0}» лежит в служебной папке Витрины «{1}». Укажите другую папку.",
                            "The output folder \"{0}\" is inside Vitrina's cache folder \"{1}\". Name another "
                            "folder."}},
      {"out.contains_cache", {"Служебная папка Витрины «{1}» оказалась бы внутри папки результата «{0}» и попала бы на "
                              "сайт. Укажите --cache-dir вне папки результата.",
                              "Vitrina's cache folder \"{1}\" would be inside the output folder \"{0}\" and be "
                              "published. Put --cache-dir outside the output folder."}},
      {"out.symlink", {"Папка результата «{0}» — символическая ссылка (на «{1}»); Витрина не заменяет ссылки. Укажите "
                       "саму папку: --out {1}.",
                       "The output folder \"{0}\" is a symbolic link (to \"{1}\"); Vitrina does not replace links. "
                       "Name the folder itself: --out {1}."}},
      {"out.not_folder", {"«{0}» — это файл, а не папка. Укажите папку для сайта.",
                          "\"{0}\" is a file, not a folder. Name a folder for the site."}},
      {"out.foreign", {"Папка «{0}» не пуста, и собирала её не Витрина (чужих записей: {2}, например «{1}»). Чтобы "
                       "ничего не удалить, Витрина собирает сайт только в новую, пустую или свою папку. Укажите "
                       "другую папку (--out) или добавьте --force: тогда сайт будет собран в этой папке, а файлы, "
                       "которые записала не Витрина, останутся нетронутыми.",
                       "The folder \"{0}\" is not empty and was not built by Vitrina ({2} entries, e.g. \"{1}\"). "
                       "So as not to delete anything, Vitrina builds only into a new, empty or its own folder. Name "
                       "another folder (--out) or add --force: the site is then built into this folder and the files "
                       "Vitrina did not write are left untouched."}},
      {"out.conflict", {"В папке «{0}» на месте файлов сайта лежат файлы, которые записала не Витрина ({2}): {1}. "
                        "Витрина не заменяет чужие файлы: переименуйте или уберите их и запустите сборку снова. "
                        "Сайт не изменён.",
                        "In \"{0}\", files Vitrina did not write stand where the site's files go ({2}): {1}. Vitrina "
                        "does not replace them: rename or move them and build again. The site was not changed."}},
      {"out.cache_unusable", {"Не удаётся использовать служебную папку Витрины «{0}»: {1}. Укажите другую папку "
                              "параметром --cache-dir.",
                              "Cannot use Vitrina's cache folder \"{0}\": {1}. Name another one with --cache-dir."}},
      {"lock.waiting", {"Папку «{0}» сейчас собирает другой процесс Витрины (PID {1}); жду, пока он закончит…",
                        "Another Vitrina process (PID {1}) is building \"{0}\"; waiting for it to finish…"}},
      {"lock.busy", {"Папку «{0}» всё ещё собирает другой процесс Витрины (PID {1}); ждал {2} с. Запустите сборку "
                     "позже или увеличьте --wait.",
                     "Another Vitrina process (PID {1}) is still building \"{0}\" after {2} s. Build later or "
                     "raise --wait."}},
      {"file.is_input", {"Нельзя записать «{0}»: это место исходных файлов сайта («{1}»), Витрина туда не пишет. "
                         "Укажите файл вне data/, content/, templates/ и themes/.",
                         "Cannot write \"{0}\": it is among the site's sources (\"{1}\"), which Vitrina never "
                         "writes. Name a file outside data/, content/, templates/ and themes/."}},
      {"file.in_cache", {"Нельзя записать «{0}»: это служебная папка Витрины «{1}».",
                         "Cannot write \"{0}\": it is inside Vitrina's cache folder \"{1}\"."}},
      {"file.in_output", {"Нельзя записать «{0}»: это папка собранного сайта «{1}», её обновляет только vitrina build. "
                          "Укажите файл вне неё.",
                          "Cannot write \"{0}\": it is inside the built site \"{1}\", which only vitrina build "
                          "updates. Name a file outside it."}},
      {"file.is_folder", {"«{0}» — это папка. Укажите имя файла.", "\"{0}\" is a folder. Name a file."}},
      {"file.foreign", {"Файл «{0}» уже есть, и записала его не Витрина. Чтобы не потерять его, Витрина его не "
                        "заменяет: укажите другое имя или добавьте --force.",
                        "\"{0}\" exists and was not written by Vitrina. So as not to lose it, Vitrina does not "
                        "replace it: name another file or add --force."}},
      {"file.changed", {"Файл «{0}» изменён после того, как его записала Витрина (возможно, в нём ваши правки). "
                        "Укажите другое имя или добавьте --force, чтобы заменить его.",
                        "\"{0}\" was changed after Vitrina wrote it (it may hold your edits). Name another file or "
                        "add --force to replace it."}},
      {"file.write_failed", {"Не удаётся записать «{0}»: {1}. Прежний файл не изменён.",
                             "Cannot write \"{0}\": {1}. The previous file is unchanged."}},
      {"cache.write_failed", {"Предупреждение: не удаётся записать кэш сборки «{0}»: {1}. Сайт опубликован; следующая "
                              "сборка будет полной.",
                              "Warning: cannot write the build cache \"{0}\": {1}. The site was published; the next "
                              "build will be a full one."}},
      {"publish.staging_failed", {"не удаётся создать папку для сборки: {0}", "cannot create the staging folder: {0}"}},
      {"publish.unsafe_path", {"небезопасный путь файла результата отклонён", "unsafe output path refused"}},
      {"publish.duplicate", {"два файла результата с одним и тем же путём", "two outputs have the same path"}},
      {"publish.mkdir_failed", {"не удаётся создать папку результата: {0}", "cannot create an output folder: {0}"}},
      {"publish.write_failed", {"не удаётся записать файл результата: {0}", "cannot write an output file: {0}"}},
      {"publish.move_failed", {"не удаётся переместить новый сайт на место: {0}",
                               "cannot move the new site into place: {0}"}},
      {"publish.swap_failed", {"не удаётся подменить сайт новым: {0}", "cannot swap in the new site: {0}"}},
      {"build.in_place", {"опубликовано на месте, файл за файлом (папка результата — точка монтирования или текущая "
                          "папка, на другой файловой системе, чем служебная папка, или в ней есть чужие файлы)",
                          "published in place, file by file (the output folder is a mount point or the current "
                          "folder, on another file system than the cache folder, or holds files Vitrina did not "
                          "write)"}},
      {"cli.force", {"Собирать в папку, которую создала не Витрина; её чужие файлы остаются нетронутыми",
                     "Build into a folder Vitrina did not make; its other files are left untouched"}},
      {"cli.wait", {"Сколько секунд ждать, если эту папку уже собирает другой процесс (по умолчанию — сколько "
                    "потребуется)",
                    "Seconds to wait while another process builds the same folder (default: as long as it takes)"}},
      {"cli.cache_dir", {"Служебная папка: кэш сборок, снимки данных, предыдущая версия сайта (по умолчанию "
                         "<сайт>/.vitrina)",
                         "Cache folder: build caches, data snapshots, the previous site (default <site>/.vitrina)"}},
      {"cli.annex_force", {"Заменить файл, даже если его записала не Витрина или он изменён после неё",
                           "Replace the file even if Vitrina did not write it or it was changed since"}},
      // CLI11's help and parse errors (cli/cli_language.h).
      {"cli.usage", {"Использование", "Usage"}},
      {"cli.usage_options", {"ПАРАМЕТРЫ", "OPTIONS"}},
      {"cli.usage_command", {"КОМАНДА", "COMMAND"}},
      {"cli.group_options", {"Параметры", "Options"}},
      {"cli.group_commands", {"Команды", "Commands"}},
      {"cli.group_arguments", {"Аргументы", "Arguments"}},
      {"cli.required_mark", {"ОБЯЗАТЕЛЬНО", "REQUIRED"}},
      {"cli.type_text", {"ТЕКСТ", "TEXT"}},
      {"cli.type_int", {"ЦЕЛОЕ", "INTEGER"}},
      {"cli.type_number", {"ЧИСЛО", "NUMBER"}},
      {"cli.footer", {"Справка по команде: vitrina КОМАНДА --help", "Help on a command: vitrina COMMAND --help"}},
      {"cli.see_help", {"Справка: {0} --help", "Help: {0} --help"}},
      {"cli.unknown_option", {"неизвестный параметр «{0}»", "unknown option \"{0}\""}},
      {"cli.unknown_option_suggest", {"неизвестный параметр «{0}»; возможно, имелось в виду «{1}»",
                                      "unknown option \"{0}\"; did you mean \"{1}\"?"}},
      {"cli.option_after_command", {"параметр {0} относится к команде {1} и пишется после неё: vitrina {1} {0} …",
                                    "option {0} belongs to the command {1} and comes after it: vitrina {1} {0} …"}},
      {"cli.unknown_command", {"неизвестная команда «{0}»", "unknown command \"{0}\""}},
      {"cli.unknown_command_suggest", {"неизвестная команда «{0}»; возможно, имелось в виду «{1}»",
                                       "unknown command \"{0}\"; did you mean \"{1}\"?"}},
      {"cli.extra_argument", {"лишний аргумент «{0}»", "unexpected argument \"{0}\""}},
      {"cli.required", {"нужно указать {0}", "{0} is required"}},
      {"cli.required_described", {"нужно указать {0} ({1})", "{0} is required ({1})"}},
      {"cli.value_missing", {"после {0} нужно значение: {1}", "{0} needs a value: {1}"}},
      {"cli.wrong_value", {"значение «{0}» не подходит для {1}: нужно {2}", "value \"{0}\" does not suit {1}: {2} expected"}},
      {"cli.value_count", {"{0} ожидает значений: {1}, а получено {2}", "{0} expects {1} values, got {2}"}},
      {"cli.flag_value", {"{0} — флаг, он пишется без значения", "{0} is a flag and takes no value"}},
      {"cli.invalid_value", {"{0}: {1}", "{0}: {1}"}},
      {"cli.error_other", {"ошибка в командной строке ({0})", "command line error ({0})"}},
      {"cli.not_one_of", {"значение «{0}» не из списка: {1}", "value \"{0}\" is not one of: {1}"}},
      {"cli.not_one_of_suggest", {"значение «{0}» не из списка: {2}; возможно, имелось в виду «{1}»",
                                  "value \"{0}\" is not one of: {2}; did you mean \"{1}\"?"}},
      {"cli.not_integer", {"«{0}» — не целое число", "\"{0}\" is not an integer"}},
      {"cli.out_of_range", {"число {0} вне пределов {1}–{2}", "{0} is outside {1}–{2}"}},
      {"cli.not_number", {"«{0}» — не число", "\"{0}\" is not a number"}},
      {"cli.negative", {"число {0} меньше нуля", "{0} is below zero"}},
      {"cli.about", {"Vitrina — генератор сайтов и приложений Excel для муниципальных программ профессионального развития педагогов.",
                     "Vitrina builds websites and Excel annexes for municipal teacher-development programmes."}},
      {"cli.version", {"Показать версию и выйти", "Print the version and exit"}},
      {"cli.help", {"Показать эту справку и выйти", "Print this help and exit"}},
      {"cli.lang", {"Язык сообщений: ru или en", "Message language: ru or en"}},
      {"cli.site", {"Папка сайта (data/, content/)", "Site folder (data/, content/)"}},
      {"cli.jobs", {"Число потоков (0 — все ядра)", "Worker threads (0 = all cores)"}},
      {"cli.no_cache", {"Отрисовать всё заново, не используя файлы прошлой сборки",
                        "Render everything again instead of reusing the last build's files"}},
      {"cli.out", {"Папка результата (по умолчанию <сайт>/output)", "Output folder (default <site>/output)"}},
      {"cli.base_url", {"Адрес, по которому будет опубликован сайт", "URL the site will be published under"}},
      {"cli.year", {"Отчётный год вместо report_year из site.json", "Report year instead of site.json report_year"}},
      {"cli.verbose", {"Подробный вывод: этапы, файлы, размеры страниц", "Verbose: stages, files, page weights"}},
      {"cli.quiet", {"Только ошибки и предупреждения", "Only errors and warnings"}},
      {"cli.format", {"Формат диагностики: text, github или json", "Diagnostics format: text, github or json"}},
      {"cli.build", {"Проверить данные и собрать сайт в output/", "Validate the data and build the site into output/"}},
      {"cli.check", {"Только проверить данные, ничего не записывая", "Validate the data only; write nothing"}},
      {"cli.report", {"Показать рассчитанные статусы программ", "Print the computed status of every programme"}},
      {"cli.report_format", {"Формат отчёта: text или json", "Report format: text or json"}},
      {"cli.annex", {"Записать книгу Excel одной программы", "Write one programme's Excel workbook"}},
      {"cli.annex_id", {"Идентификатор программы", "Programme id"}},
      {"cli.annex_out", {"Файл .xlsx", "The .xlsx file"}},
      {"cli.serve", {"Собрать сайт, открыть его на локальном сервере и пересобирать при изменениях",
                     "Build, serve locally and rebuild on changes"}},
      {"cli.port", {"Порт", "Port"}},
      {"cli.bind", {"Адрес для прослушивания (по умолчанию только этот компьютер)", "Address to listen on (loopback by default)"}},
      {"cli.need_command", {"Укажите команду: new, build, check, serve, report, annex, collect или import. Справка: vitrina --help",
                            "A command is required: new, build, check, serve, report, annex, collect or import. See vitrina --help"}},
      {"link.broken", {"ссылка ведёт на несуществующую страницу: {0}", "broken internal link: {0}"}},
      {"annex.unknown", {"нет программы «{0}»", "no programme \"{0}\""}},
      {"annex.done", {"Записано: {0}", "Written: {0}"}},
      {"text.xml_forbidden", {"удалены недопустимые управляющие символы (всего: {1}, первый — {0}, {2}-й знак текста; "
                              "разрыв строки из Word U+000B заменён переводом строки): такие символы делают ленту "
                              "новостей, карту сайта и книги Excel нечитаемыми",
                              "removed control characters ({1} in all, the first {0} at character {2}; Word's line "
                              "break U+000B became a newline): they make the feed, the sitemap and Excel workbooks "
                              "unreadable"}},
      {"text.xml_forbidden_page", {"удалены недопустимые управляющие символы (всего: {1}, первый — {0}; разрыв строки "
                                   "из Word U+000B заменён переводом строки): такие символы делают страницы и XML-файлы "
                                   "сайта нечитаемыми",
                                   "removed control characters ({1} in all, the first {0}; Word's line break U+000B "
                                   "became a newline): they make pages and XML files unreadable"}},
      {"text.vertical_tab", {"разрыв строки из Word (U+000B, Shift+Enter) заменён обычным переводом строки "
                             "(всего: {0}, первый — {1}-й знак текста)",
                             "Word's line break (U+000B, Shift+Enter) replaced by a newline ({0} in all, the first "
                             "at character {1})"}},
      {"text.vertical_tab_page", {"разрыв строки из Word (U+000B, Shift+Enter) заменён обычным переводом строки (всего: {0})",
                                  "Word's line break (U+000B, Shift+Enter) replaced by a newline ({0} in all)"}},
      {"text.excel_limit", {"текст длиннее, чем вмещает ячейка Excel ({0} знаков при пределе {1}): в книгах Excel он "
                            "будет обрезан и закончится знаком «…»",
                            "text longer than an Excel cell holds ({0} characters, limit {1}): workbooks show it cut, "
                            "ending with «…»"}},
      {"file.not_regular", {"не обычный файл (канал, устройство или сокет): Vitrina читает из data/ и content/ только "
                            "обычные файлы",
                            "not a regular file (a pipe, device or socket): Vitrina reads only regular files from "
                            "data/ and content/"}},
      {"markdown.too_large", {"страница слишком большая ({0} байт, предел {1})", "page too large ({0} bytes, limit {1})"}},
      {"markdown.table_cells", {"таблица слишком большая: {0} столбцов × {1} строк (предел — {2} ячеек на таблицу); "
                                "разбейте её на несколько таблиц",
                                "table too large: {0} columns × {1} rows (limit {2} cells per table); split it"}},
      {"markdown.too_deep", {"вложенность списков и цитат глубже {0} уровней", "lists and quotes nested deeper than {0} levels"}},
      {"content.too_many_pages", {"страниц в папке больше предела ({0} при пределе {1}): лишние не опубликованы",
                                  "more pages in the folder than the limit ({0}, limit {1}): the rest are not published"}},
      {"value.not_finite_result", {"результат расчёта не является конечным числом ({0}): проверьте значения",
                                   "the computed value is not a finite number ({0}): check the values"}},
      {"methodology.range", {"значение {0} вне допустимого диапазона: {1}", "value {0} is out of range: {1}"}},
      {"methodology.order", {"порог «{0}» ({1}) должен быть не больше порога «{2}» ({3})",
                             "threshold \"{0}\" ({1}) must not exceed \"{2}\" ({3})"}},
      {"methodology.weights_zero", {"оба веса равны 0: эффективность нельзя рассчитать",
                                    "both weights are 0: effectiveness cannot be computed"}},
      {"ref.restates_cycle", {"цикл в ссылках restates: {0}; ни один из этих показателей не попал бы в расчёт",
                              "cycle in restates links: {0}; none of these indicators would be counted"}},
      {"id.case_collision", {"идентификатор «{0}» отличается от «{1}» (строка {2}) только регистром букв: на дисках "
                             "Windows и macOS их файлы совпадут",
                             "id \"{0}\" differs from \"{1}\" (line {2}) only in letter case: their files collide "
                             "on Windows and macOS disks"}},
      {"site.no_report_year", {"в site.json нет report_year", "site.json has no report_year"}},
      // vitrina new, collect, import (cli/data_entry.h)
      {"cli.new", {"Создать новый сайт-заготовку в пустой папке", "Create a starter site in an empty folder"}},
      {"cli.new_dir", {"Папка нового сайта (пустая или несуществующая)", "Folder of the new site (empty or new)"}},
      {"cli.new_municipality", {"Муниципальное образование", "Municipality"}},
      {"cli.new_period", {"Период программы, например 2024-2026", "Programme period, e.g. 2024-2026"}},
      {"cli.new_programme_id", {"Идентификатор программы (латиница, цифры, «-»)", "Programme id (latin letters, digits, '-')"}},
      {"cli.collect", {"Записать книгу Excel для ввода фактов и статусов мероприятий", "Write a workbook for entering facts and measure statuses"}},
      {"cli.collect_year", {"Только этот год (по умолчанию — все годы периода; статусы — за отчётный год)",
                            "This year only (default: every year of the period; statuses for the report year)"}},
      {"cli.collect_period", {"Часть года для фактов: year, q1 (I квартал), h1 (полугодие), m9 (9 месяцев)",
                              "Part of the year for facts: year, q1, h1 (half-year), m9 (nine months)"}},
      {"cli.import", {"Внести факты и статусы из заполненной книги .xlsx или файла CSV", "Import facts and statuses from a filled .xlsx workbook or CSV file"}},
      {"cli.import_file", {"Файл .xlsx или .csv", "The .xlsx or .csv file"}},
      {"cli.import_programme", {"Программа (если в файле она не указана, например в CSV)", "Programme (when the file does not name it, as in CSV)"}},
      {"cli.import_replace", {"Заменять уже внесённые значения, если в файле другие", "Replace values already entered when the file differs"}},
      {"cli.import_dry_run", {"Только показать изменения, ничего не записывая", "Show the changes only; write nothing"}},
      {"collect.doc_title", {"Ввод фактов: {0}", "Data entry: {0}"}},
      {"collect.fact_yes_no", {"Выберите «да» или «нет»", "Choose «да» (yes) or «нет» (no)"}},
      {"collect.fact_percent", {"Введите число от 0 до 100 (проценты, без знака %)", "Enter a number from 0 to 100 (per cent, without %)"}},
      {"collect.fact_non_negative", {"Введите число не меньше 0", "Enter a number of at least 0"}},
      {"collect.fact_number", {"Введите число", "Enter a number"}},
      {"collect.status_list", {"Выберите статус из списка", "Choose a status from the list"}},
      {"collect.instructions_title", {"Как заполнить книгу: {0}", "How to fill in this workbook: {0}"}},
      {"collect.instr_1", {"Лист «Факты»: одна строка на показатель и год (и часть года, если собираются промежуточные значения). Заполняйте жёлтые столбцы «Факт», «Источник», «Комментарий».",
                           "Sheet «Факты»: one row per indicator and year (and part of the year for interim values). Fill in the yellow columns «Факт» (fact), «Источник» (source), «Комментарий» (comment)."}},
      {"collect.instr_2", {"Доли вводите в процентах числом без знака %: 12,5 — это 12,5 %. Для показателей «да/нет» выберите «да» или «нет».",
                           "Enter shares in per cent as a number without %: 12.5 means 12.5 %. For yes/no indicators choose «да» or «нет»."}},
      {"collect.instr_3", {"Не вводите формулы в столбец «Факт»: нужно само значение.", "Do not enter formulas in «Факт»: the value itself is needed."}},
      {"collect.instr_4", {"Лист «Мероприятия»: статус каждого мероприятия за {0} год выберите из списка; «Результат» — что сделано; «Причина невыполнения» — если не выполнено.",
                           "Sheet «Мероприятия»: choose each measure's status for {0} from the list; «Результат»: what was done; «Причина невыполнения»: why not, if not done."}},
      {"collect.instr_5", {"Серые столбцы (код, показатель, год, период, план) не меняйте: по ним Vitrina находит, куда записать значение.",
                           "Do not change the grey columns (code, indicator, year, period, plan): Vitrina uses them to find where a value goes."}},
      {"collect.instr_6", {"Пустая ячейка ничего не меняет. Значение, которое отличается от уже внесённого, Vitrina заменит только с параметром --replace.",
                           "An empty cell changes nothing. A value that differs from one already entered is replaced only with --replace."}},
      {"collect.instr_7", {"Сохраните книгу (.xlsx) и выполните: vitrina import <файл> --site <папка сайта>. Если в книге есть ошибки, Vitrina покажет каждую (лист!ячейка) и ничего не запишет.",
                           "Save the workbook (.xlsx) and run: vitrina import <file> --site <site folder>. If it has errors, Vitrina lists each (sheet!cell) and writes nothing."}},
      {"import.write_failed", {"не удалось записать {0}", "cannot write {0}"}},
      {"import.nothing_written", {"Ничего не записано: данные не изменены.", "Nothing written: the data is unchanged."}},
      {"import.site_has_errors", {"В данных сайта есть ошибки: исправьте их, затем повторите импорт.",
                                  "The site's data has errors: fix them, then import again."}},
      {"import.no_tables", {"в книге нет листов «Факты» и «Мероприятия»", "the workbook has no sheet «Факты» or «Мероприятия»"}},
      {"import.which_programme", {"не удалось понять, к какой программе относится файл: укажите --programme",
                                  "cannot tell which programme the file is for: give --programme"}},
      {"import.no_column", {"нет столбца «{0}» в первой строке", "no column «{0}» in the first row"}},
      {"import.unknown_indicator", {"нет показателя с кодом «{0}» в программе «{1}»", "no indicator with code \"{0}\" in programme \"{1}\""}},
      {"import.unknown_measure", {"нет мероприятия «{0}» в программе «{1}»", "no measure \"{0}\" in programme \"{1}\""}},
      {"import.bad_year", {"«{0}» — ожидается год (например, 2025)", "\"{0}\": a year is expected (e.g. 2025)"}},
      {"import.bad_period", {"«{0}» — ожидается период: год, I квартал, полугодие или 9 месяцев",
                             "\"{0}\": a period is expected: год, I квартал, полугодие or 9 месяцев"}},
      {"import.duplicate_row", {"показатель {0} за {1} ({2}) указан в файле дважды", "indicator {0} for {1} ({2}) appears twice in the file"}},
      {"import.duplicate_status", {"мероприятие {0} за {1} год указано в файле дважды", "measure {0} for {1} appears twice in the file"}},
      {"import.formula", {"в ячейке формула — введите само значение", "the cell holds a formula: enter the value itself"}},
      {"import.cell_error", {"в ячейке ошибка {0} — введите значение", "the cell shows the error {0}: enter a value"}},
      {"import.expected_yes_no", {"«{0}» — ожидается «да» или «нет»", "\"{0}\": «да» (yes) or «нет» (no) is expected"}},
      {"import.expected_percent", {"ожидается число от 0 до 100", "a number from 0 to 100 is expected"}},
      {"import.expected_non_negative", {"ожидается число не меньше 0", "a number of at least 0 is expected"}},
      {"import.expected_number", {"ожидается число", "a number is expected"}},
      {"import.percent_in_count",
       {"\"{0}\" — ячейка в процентном формате, а показатель измеряется в единицах {1}, не в процентах: введите само число без знака %",
        "\"{0}\": the cell is formatted as a percentage, but the indicator is measured in {1}, not in percent: enter the number itself without %"}},
      {"import.no_unit", {"показателя", "the indicator's units"}},
      {"import.share_as_fraction",
       {"\"{0}\" — доля вводится в процентах: {0} значит {0} %, а план и прежние значения показателя не ниже {2} %. "
        "Если имелось в виду {1} %, введите {1}; если верно {0} %, введите «{0}%» в ячейку с процентным форматом",
        "\"{0}\": a share is entered in percent: {0} means {0} %, but the indicator's plans and earlier values are at least {2} %. "
        "If {1} % is meant, enter {1}; if {0} % is right, enter «{0}%» in a percent-formatted cell"}},
      {"import.status_missing", {"не указан статус; допустимы: {0}", "no status; allowed: {0}"}},
      {"import.bad_status", {"«{0}» — неизвестный статус; допустимы: {1}", "\"{0}\": unknown status; allowed: {1}"}},
      {"import.conflict", {"{0} уже внесено: «{1}», в файле «{2}»; чтобы заменить, запустите с --replace",
                           "{0} is already entered: \"{1}\", the file has \"{2}\"; run with --replace to replace it"}},
      {"import.what_fact", {"факт за {0}", "the fact for {0}"}},
      {"import.what_source", {"источник факта за {0}", "the source of the fact for {0}"}},
      {"import.what_note", {"комментарий к факту за {0}", "the comment on the fact for {0}"}},
      {"import.what_status", {"статус за {0} год", "the status for {0}"}},
      {"import.what_result", {"результат за {0} год", "the result for {0}"}},
      {"import.what_reason", {"причина невыполнения за {0} год", "the reason for {0}"}},
      {"import.change_fact", {"показатель {0}, {1}: {2} → {3}", "indicator {0}, {1}: {2} → {3}"}},
      {"import.change_source", {"показатель {0}, {1}, источник: {2} → {3}", "indicator {0}, {1}, source: {2} → {3}"}},
      {"import.change_note", {"показатель {0}, {1}, комментарий: {2} → {3}", "indicator {0}, {1}, comment: {2} → {3}"}},
      {"import.change_status", {"мероприятие {0}, {1}: {2} → {3}", "measure {0}, {1}: {2} → {3}"}},
      {"import.change_result", {"мероприятие {0}, {1}, результат: {2} → {3}", "measure {0}, {1}, result: {2} → {3}"}},
      {"import.change_reason", {"мероприятие {0}, {1}, причина невыполнения: {2} → {3}", "measure {0}, {1}, reason: {2} → {3}"}},
      {"import.no_changes", {"Изменений нет: всё, что есть в файле, уже внесено.", "No changes: everything in the file is already entered."}},
      {"import.dry_run", {"Проверка (--dry-run): файлы не изменены.", "Dry run: no file was changed."}},
      {"import.internal", {"внутренняя ошибка: изменённый файл не прошёл проверку; сообщите разработчикам",
                           "internal error: the edited file failed its check; please report it"}},
      {"new.not_empty", {"папка {0} не пуста: выберите пустую или новую папку", "{0} is not empty: choose an empty or new folder"}},
      {"new.bad_period", {"«{0}» — период нужно указать как 2024-2026", "\"{0}\": give the period as 2024-2026"}},
      {"new.done", {"Создан сайт в {0}. Что делать дальше — в {1}.", "Created a site in {0}. What to do next: {1}."}},
      // Reading workbooks and CSV (tabular/)
      {"xlsx.ole", {"это файл .xls или книга с паролем: сохраните её как «Книга Excel (.xlsx)» без пароля",
                    "this is an .xls file or a password-protected workbook: save it as an .xlsx workbook without a password"}},
      {"xlsx.not_zip", {"это не книга .xlsx (файл не является архивом ZIP)", "not an .xlsx workbook (not a ZIP archive)"}},
      {"xlsx.not_workbook", {"в архиве нет книги Excel (xl/workbook.xml)", "the archive holds no Excel workbook (xl/workbook.xml)"}},
      {"xlsx.too_many_parts", {"в архиве больше {0} файлов", "the archive has more than {0} entries"}},
      {"xlsx.missing_part", {"в книге нет части «{0}»", "the workbook has no part \"{0}\""}},
      {"xlsx.bad_part", {"часть «{0}» не читается (архив повреждён)", "part \"{0}\" cannot be read (damaged archive)"}},
      {"xlsx.part_too_large", {"часть «{0}» больше {1} МиБ после распаковки", "part \"{0}\" is over {1} MiB uncompressed"}},
      {"xlsx.total_too_large", {"книга больше {0} МиБ после распаковки", "the workbook is over {0} MiB uncompressed"}},
      {"xlsx.xml", {"{0}, строка {1}: ошибка XML: {2}", "{0}, line {1}: XML error: {2}"}},
      {"xlsx.dtd", {"объявления DTD и сущности в книге не допускаются", "DTD declarations and entities are not allowed in a workbook"}},
      {"xlsx.too_many_cells", {"в файле больше {0} заполненных ячеек", "the file has more than {0} filled cells"}},
      {"xlsx.text_too_long", {"{0}: текст длиннее 32 767 знаков", "{0}: text longer than 32,767 characters"}},
      {"xlsx.bad_ref", {"недопустимый адрес ячейки «{0}»", "invalid cell reference \"{0}\""}},
      {"xlsx.bad_value", {"{0}: недопустимое значение ячейки", "{0}: invalid cell value"}},
      {"csv.text_too_long", {"строка {0}: поле длиннее 32 767 знаков", "line {0}: field longer than 32,767 characters"}},
      {"csv.unclosed_quote", {"кавычка не закрыта до конца файла", "a quote is not closed before the end of the file"}},
  };
  return m;
}
}  // namespace

void set_language(std::string_view lang) { g_lang = lang == "en" ? "en" : "ru"; }

namespace {
const std::string kRu = "ru", kEn = "en";
thread_local const std::string* t_document_lang = nullptr;
}  // namespace

const std::string& language() { return t_document_lang ? *t_document_lang : g_lang; }

DocumentLanguage::DocumentLanguage(std::string_view lang) : saved_(t_document_lang) {
  t_document_lang = lang == "en" ? &kEn : &kRu;
}
DocumentLanguage::~DocumentLanguage() { t_document_lang = saved_; }

std::string tr(std::string_view key, std::initializer_list<std::string_view> args) {
  const auto& m = catalogue();
  auto it = m.find(key);
  return substitute(it == m.end() ? key : std::string_view(g_lang == "en" ? it->second.en : it->second.ru), args);
}

std::string tr_doc(std::string_view key, std::initializer_list<std::string_view> args) {
  const auto& m = catalogue();
  auto it = m.find(key);
  return substitute(it == m.end() ? key : std::string_view(language() == "en" ? it->second.en : it->second.ru), args);
}

std::string substitute(std::string_view fmt, std::initializer_list<std::string_view> args) {
  std::string out;
  out.reserve(fmt.size() + 32);
  for (size_t i = 0; i < fmt.size(); ++i) {
    if (fmt[i] == '{' && i + 2 < fmt.size() && fmt[i + 2] == '}' && fmt[i + 1] >= '0' && fmt[i + 1] <= '9') {
      size_t n = static_cast<size_t>(fmt[i + 1] - '0');
      if (n < args.size()) out += *(args.begin() + n);
      i += 2;
    } else {
      out += fmt[i];
    }
  }
  return out;
}

}  // namespace vitrina
