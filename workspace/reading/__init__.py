"""The text readers: plan-like sheets, timing phrases («сроки»), audiences («5-9 классы») and
institution names in free text. Pure functions of text and dates; nothing here touches Flask or the
database, and nothing here knows an area (plans, projects, the bank and the generator read with it)."""
