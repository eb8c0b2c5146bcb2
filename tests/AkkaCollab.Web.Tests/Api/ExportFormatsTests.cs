using AkkaCollab.Web.Api;

namespace AkkaCollab.Web.Tests.Api;

public sealed class ExportFormatsTests
{
    [Fact]
    public void A_download_name_outside_ascii_keeps_its_exact_form_in_filename_star_and_a_safe_fallback()
    {
        Assert.Equal(
            "attachment; filename=\"_ber _plan_ _.md\"; filename*=UTF-8''%C3%9Cber%20%22plan%22%20%5C.md",
            ExportFormats.Attachment("Über \"plan\" \\.md"));
    }
}
