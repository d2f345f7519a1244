"""News pages. Public: the list (paginated), each article with Open Graph tags, RSS and Atom feeds. Staff
(region admin): write, illustrate and publish under /r/<region>/berita/staf/."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.common.cache import public_page
from kotacerdas.common.exceptions import ApplicationError, add_to_form
from kotacerdas.regions.access import require_perm, with_region

from . import selectors, services
from .forms import ArticleForm, ImageForm
from .models import Article, Tag

PAGE_SIZE = 10


@public_page
@with_region
def public_list(request, *, region):
    tag = request.GET.get("tag", "")[:70]
    page = Paginator(selectors.published(region=region, tag=tag), PAGE_SIZE).get_page(request.GET.get("hal"))
    tag_obj = Tag.objects.filter(region=region, slug=tag).first() if tag else None
    return render(request, "news/list.html", {"region": region, "page": page, "tag": tag_obj})


@public_page
@with_region
def detail(request, *, region, slug):
    try:
        article = selectors.article_detail(region=region, slug=slug)
    except Article.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "news/detail.html",
        {
            "region": region,
            "article": article,
            "og_image": request.build_absolute_uri(article.cover.url) if article.cover else "",
            "og_url": request.build_absolute_uri(),
        },
    )


# --- staff ----------------------------------------------------------------------------------------------


@login_required
@with_region
def staff_list(request, *, region):
    require_perm(request, "news.manage", region)
    page = Paginator(selectors.staff_list(region=region), 25).get_page(request.GET.get("hal"))
    return render(request, "news/staff_list.html", {"region": region, "page": page})


@login_required
@with_region
def create(request, *, region):
    require_perm(request, "news.manage", region)
    form = ArticleForm(request.POST or None, request.FILES or None, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            article = services.article_create(actor=request.user, region=region, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The article was saved as a draft."))
            return redirect("news:edit", region_slug=region.slug, pk=article.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "news/form.html", {"region": region, "form": form}, status=status)


def _edit_page(request, region, article, *, form=None, image_form=None, status=200):
    return render(
        request,
        "news/form.html",
        {
            "region": region,
            "article": article,
            "form": form or ArticleForm(region=region, initial=ArticleForm.initial_for(article)),
            "image_form": image_form or ImageForm(prefix="img"),
            "images": article.images.all(),
        },
        status=status,
    )


@login_required
@with_region
def edit(request, *, region, pk):
    """Save the article. The body's image upload is part of this form: it saves the typed edits first, in the
    same transaction, so nothing typed is lost; a refusal of either part saves nothing."""
    article = get_object_or_404(Article, region=region, pk=pk)
    require_perm(request, "news.manage", article)
    if request.method != "POST":
        return _edit_page(request, region, article)
    form = ArticleForm(request.POST, request.FILES, region=region)
    image_form = ImageForm(request.POST, request.FILES, prefix="img")
    add_image = request.POST.get("then") == "image" or bool(request.FILES.get("img-image"))
    if form.is_valid() and (not add_image or image_form.is_valid()):
        try:
            image = image_form.cleaned_data if add_image else {}
            services.article_update_with_image(actor=request.user, article=article, **form.cleaned_data, **image)
        except services.ImageRefused as exc:
            add_to_form(image_form, exc)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            if add_image:
                messages.success(
                    request, _("The article was saved and the image uploaded: copy its HTML into the body.")
                )
                return redirect(reverse("news:edit", kwargs={"region_slug": region.slug, "pk": pk}) + "#img-h")
            messages.success(request, _("The article was saved."))
            return redirect("news:edit", region_slug=region.slug, pk=pk)
    shown = image_form if add_image else None
    return _edit_page(request, region, article, form=form, image_form=shown, status=400)


@login_required
@require_POST
@with_region
def publish(request, *, region, pk):
    article = get_object_or_404(Article, region=region, pk=pk)
    require_perm(request, "news.manage", article)
    try:
        if request.POST.get("action") == "unpublish":
            services.article_unpublish(actor=request.user, article=article)
            messages.success(request, _("The article is a draft again."))
        else:
            services.article_publish(actor=request.user, article=article)
            messages.success(request, _("The article is published."))
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("news:edit", region_slug=region.slug, pk=pk)


@login_required
@require_POST
@with_region
def image_add(request, *, region, pk):
    article = get_object_or_404(Article, region=region, pk=pk)
    require_perm(request, "news.manage", article)
    form = ImageForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.article_image_add(actor=request.user, article=article, **form.cleaned_data)
        except ApplicationError as exc:
            add_to_form(form, exc)
        else:
            messages.success(request, _("The image was uploaded: copy its HTML into the body."))
            return redirect("news:edit", region_slug=region.slug, pk=pk)
    form.prefix = "img"  # shown inside the article form, whose image fields are prefixed (errors stay)
    return _edit_page(request, region, article, image_form=form, status=400)
