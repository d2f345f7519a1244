"""Forms copy their fields quickly (common/formcopy.py): each form gets its own fields and widgets, as with
Django's deep copy, so a change one request makes to its form never reaches another's."""

import pytest
from django import forms

from kotacerdas.common.formcopy import QuickCopyFields
from kotacerdas.common.text import CleanForm
from kotacerdas.regions.models import District

pytestmark = pytest.mark.django_db


class Split(forms.MultiValueField):
    def __init__(self, **kwargs):
        super().__init__(fields=(forms.CharField(), forms.CharField()), **kwargs)

    def compress(self, data_list):
        return "-".join(data_list or [])


class Sample(CleanForm):
    name = forms.CharField(max_length=5, widget=forms.TextInput(attrs={"size": 5}))
    kind = forms.ChoiceField(choices=[("a", "A"), ("b", "B")])
    district = forms.ModelChoiceField(queryset=District.objects.none(), required=False)
    pair = Split(required=False, widget=forms.MultiWidget(widgets=(forms.TextInput, forms.TextInput)))


def test_each_form_gets_fields_and_widgets_of_its_own():
    first, second = Sample(), Sample()
    assert isinstance(Sample.base_fields, QuickCopyFields)
    for name in Sample.base_fields:
        a, b, base = first.fields[name], second.fields[name], Sample.base_fields[name]
        assert a is not b and a is not base and type(a) is type(base)
        assert a.widget is not b.widget and a.widget.attrs is not b.widget.attrs
        assert a.error_messages == base.error_messages and a.error_messages is not base.error_messages
        assert a.validators == base.validators and a.validators is not base.validators
    first.fields["name"].widget.attrs["placeholder"] = "x"
    first.fields["name"].error_messages["required"] = "changed"
    first.fields["kind"].choices = [("c", "C")]
    first.fields["district"].queryset = District.objects.all()
    first.fields["pair"].fields[0].max_length = 1
    assert "placeholder" not in second.fields["name"].widget.attrs | Sample.base_fields["name"].widget.attrs
    assert Sample.base_fields["name"].error_messages["required"] != "changed"
    assert list(second.fields["kind"].choices) == [("a", "A"), ("b", "B")]
    assert list(second.fields["kind"].widget.choices) == [("a", "A"), ("b", "B")]
    assert second.fields["district"].queryset.model is District and not second.fields["district"].queryset.exists()
    assert second.fields["pair"].fields[0].max_length is None


def test_a_copied_form_validates_as_before():
    form = Sample({"name": "toolong", "kind": "b", "pair_0": "x", "pair_1": "y"})
    assert not form.is_valid()
    assert list(form.errors) == ["name"]
    form = Sample({"name": "ok", "kind": "b", "pair_0": "x", "pair_1": "y"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["pair"] == "x-y"
    assert 'size="5"' in str(form["name"]) and 'value="b" selected' in str(form["kind"])
