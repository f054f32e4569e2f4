"""How the admin names a member of staff."""

import re

_CHINESE = re.compile("[\u3400-\u9fff]")


def person_name(user):
    """A name as people write it: a Chinese one family name first, with no space ("王青"), others
    "First Last"; the user name when the account has no name. (Django's ``get_full_name`` gives "青 王".)"""
    first, last = user.first_name.strip(), user.last_name.strip()
    if not (first or last):
        return user.get_username()
    if _CHINESE.search(first + last):
        return f"{last}{first}"
    return f"{first} {last}".strip()
