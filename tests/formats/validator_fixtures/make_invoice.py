"""Build a valid EHF 3 invoice with any number of lines (for tests and profiling).

Amounts are consistent (25 % VAT, NOK) so the document passes every rule; tests change one element
to break one rule.
"""

from __future__ import annotations

from decimal import Decimal

HEADER = """<?xml version="1.0" encoding="UTF-8"?>
<Invoice xmlns="urn:oasis:names:specification:ubl:schema:xsd:Invoice-2"
 xmlns:cac="urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
 xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2">
  <cbc:CustomizationID>urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0</cbc:CustomizationID>
  <cbc:ProfileID>urn:fdc:peppol.eu:2017:poacc:billing:01:1.0</cbc:ProfileID>
  <cbc:ID>2026-0042</cbc:ID>
  <cbc:IssueDate>2026-03-02</cbc:IssueDate>
  <cbc:DueDate>2026-04-01</cbc:DueDate>
  <cbc:InvoiceTypeCode>380</cbc:InvoiceTypeCode>
  <cbc:DocumentCurrencyCode>NOK</cbc:DocumentCurrencyCode>
  <cbc:BuyerReference>4025-Innkjøp</cbc:BuyerReference>
  <cac:AccountingSupplierParty>
    <cac:Party>
      <cbc:EndpointID schemeID="0192">987654325</cbc:EndpointID>
      <cac:PartyName><cbc:Name>Grønn Leverandør AS</cbc:Name></cac:PartyName>
      <cac:PostalAddress>
        <cbc:StreetName>Storgata 1</cbc:StreetName>
        <cbc:CityName>Bergen</cbc:CityName>
        <cbc:PostalZone>5003</cbc:PostalZone>
        <cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyTaxScheme>
        <cbc:CompanyID>NO987654325MVA</cbc:CompanyID>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:PartyTaxScheme>
      <cac:PartyTaxScheme>
        <cbc:CompanyID>Foretaksregisteret</cbc:CompanyID>
        <cac:TaxScheme><cbc:ID>TAX</cbc:ID></cac:TaxScheme>
      </cac:PartyTaxScheme>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>Grønn Leverandør AS</cbc:RegistrationName>
        <cbc:CompanyID schemeID="0192">987654325</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingSupplierParty>
  <cac:AccountingCustomerParty>
    <cac:Party>
      <cbc:EndpointID schemeID="0192">964338531</cbc:EndpointID>
      <cac:PostalAddress>
        <cbc:CityName>Bergen</cbc:CityName>
        <cac:Country><cbc:IdentificationCode>NO</cbc:IdentificationCode></cac:Country>
      </cac:PostalAddress>
      <cac:PartyLegalEntity>
        <cbc:RegistrationName>Bergen kommune</cbc:RegistrationName>
        <cbc:CompanyID schemeID="0192">964338531</cbc:CompanyID>
      </cac:PartyLegalEntity>
    </cac:Party>
  </cac:AccountingCustomerParty>
  <cac:PaymentMeans>
    <cbc:PaymentMeansCode>30</cbc:PaymentMeansCode>
    <cbc:PaymentID>1234567890128</cbc:PaymentID>
    <cac:PayeeFinancialAccount><cbc:ID>12345678903</cbc:ID></cac:PayeeFinancialAccount>
  </cac:PaymentMeans>
  <cac:TaxTotal>
    <cbc:TaxAmount currencyID="NOK">{tax}</cbc:TaxAmount>
    <cac:TaxSubtotal>
      <cbc:TaxableAmount currencyID="NOK">{net}</cbc:TaxableAmount>
      <cbc:TaxAmount currencyID="NOK">{tax}</cbc:TaxAmount>
      <cac:TaxCategory>
        <cbc:ID>S</cbc:ID>
        <cbc:Percent>25</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:TaxCategory>
    </cac:TaxSubtotal>
  </cac:TaxTotal>
  <cac:LegalMonetaryTotal>
    <cbc:LineExtensionAmount currencyID="NOK">{net}</cbc:LineExtensionAmount>
    <cbc:TaxExclusiveAmount currencyID="NOK">{net}</cbc:TaxExclusiveAmount>
    <cbc:TaxInclusiveAmount currencyID="NOK">{gross}</cbc:TaxInclusiveAmount>
    <cbc:PayableAmount currencyID="NOK">{gross}</cbc:PayableAmount>
  </cac:LegalMonetaryTotal>
"""

LINE = """  <cac:InvoiceLine>
    <cbc:ID>{n}</cbc:ID>
    <cbc:InvoicedQuantity unitCode="EA">{quantity}</cbc:InvoicedQuantity>
    <cbc:LineExtensionAmount currencyID="NOK">{amount}</cbc:LineExtensionAmount>
    <cac:Item>
      <cbc:Name>Kontorstol, ombrukt, nr. {n}</cbc:Name>
      <cac:SellersItemIdentification><cbc:ID>STOL-{n:03d}</cbc:ID></cac:SellersItemIdentification>
      <cac:ClassifiedTaxCategory>
        <cbc:ID>S</cbc:ID>
        <cbc:Percent>25</cbc:Percent>
        <cac:TaxScheme><cbc:ID>VAT</cbc:ID></cac:TaxScheme>
      </cac:ClassifiedTaxCategory>
    </cac:Item>
    <cac:Price>
      <cbc:PriceAmount currencyID="NOK">{price}</cbc:PriceAmount>
    </cac:Price>
  </cac:InvoiceLine>
"""


def invoice_xml(lines: int = 1) -> bytes:
    """A valid PEPPOL BIS 3 / EHF invoice with ``lines`` lines, as UTF-8 bytes."""
    body = []
    net = Decimal(0)
    for n in range(1, lines + 1):
        quantity, price = n % 7 + 1, Decimal(100) + Decimal(n) / 4
        amount = (quantity * price).quantize(Decimal("0.01"))
        net += amount
        body.append(LINE.format(n=n, quantity=quantity, amount=amount, price=price))
    tax = (net * Decimal("0.25")).quantize(Decimal("0.01"))
    head = HEADER.format(net=net, tax=tax, gross=net + tax)
    return (head + "".join(body) + "</Invoice>\n").encode()
