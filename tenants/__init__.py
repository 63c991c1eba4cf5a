"""Tenancy: institutions and networks, URL resolution, query scoping and isolation.

Every tenant- or network-owned model inherits ``InstitutionOwned`` or ``NetworkOwned``
(tenants.scoping); one ORM hook adds the current scope to every query of such models
and raises when there is none. The scope is set once per request from the URL
(tenants.resolution) after the user's memberships have been checked; the requests the URL does not
resolve (public pages, secret links, the parent's application) and the command line enter through the
named functions of tenants.entry. Nothing outside tenants/ sets a scope; ``unscoped()`` is the one opt-out.
"""
