from __future__ import annotations

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from gronnkjop.api import api_organisation

from . import selectors

router = Router(tags=["organisasjon"])


class OrganisationOut(Schema):
    id: int
    name: str
    kind: str
    orgnr: str


class UnitOut(Schema):
    id: int
    name: str
    code: str
    address: str
    active: bool


@router.get("/organisation", response=OrganisationOut, summary="The organisation the token acts for")
def organisation_detail(request):
    return api_organisation(request)


@router.get("/units", response=list[UnitOut], summary="The organisation's units (ordering units)")
def unit_list(request):
    return list(selectors.unit_list(organisation=api_organisation(request)))


@router.get("/units/{unit_id}", response=UnitOut, summary="One unit; 404 for units of other organisations")
def unit_detail(request, unit_id: int):
    return get_object_or_404(selectors.unit_list(organisation=api_organisation(request)), pk=unit_id)
