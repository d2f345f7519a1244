"""Who may do what with news: the region admin writes and publishes; everybody reads published articles."""

import rules

from kotacerdas.regions.rules import can_read_internal, is_region_admin, is_superuser


@rules.predicate
def article_is_published(user, article) -> bool:
    return bool(article is not None and article.is_published)


can_manage = is_region_admin | is_superuser

rules.add_perm("news.manage", can_manage)
rules.add_perm("news.view_internal", can_read_internal)
rules.add_perm("news.view_article", can_manage | article_is_published)
