"""E-mails of the review workflow. (Placeholder until the review queue lands: sends nothing.)"""


def submitted(change, request=None):
    return True


def approved(obj, author, reviewer, request=None):
    return True


def sent_back(change, request=None):
    return True
