"""What browser tests type into the demo form of a printing establishment."""


def fill_address_and_contact(page):
    """The establishment's address in Khánh Hòa, its phone and e-mail."""
    page.get_by_label("Tỉnh, thành phố", exact=True).select_option(label="Khánh Hòa")
    page.get_by_label("Xã, phường, đặc khu").select_option(label="Phường Nha Trang")
    page.get_by_label("Số nhà, đường, thôn, xóm").fill("15 Lê Thánh Tôn")
    page.get_by_label("Số điện thoại").fill("0905 123 456")
    page.get_by_label("Thư điện tử").fill("haiau@example.vn")
