"""Deadlines pushed to departments: subscriptions, their iCalendar feeds, the weekly digest, "closing soon".

- ``matching``: which programmes a subscription follows, their window dates
  in a period, the applications of its departments that fall due;
- ``subscriptions``: access rules and every write to a subscription;
- ``ical``: the RFC 5545 feed of a subscription (secret URL);
- ``digest``: the weekly e-mail (new programmes, windows opening, closing
  within 14 days) with its one-click unsubscribe link;
- ``tasks``: the django-tasks task that sends one digest, and the function
  the ``send_digests`` command uses to enqueue them all;
- ``closing``: "closing soon" on the home page of a user's department;
- ``forms``, ``views``: the subscription pages, the iCalendar feed (secret URL,
  no login) and the digest's unsubscribe link.
Templates: ``templates/programs/deadlines/``.
"""
