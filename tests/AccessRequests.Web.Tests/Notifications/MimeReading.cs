using System.Text;
using AccessRequests.Testing;

namespace AccessRequests.Web.Tests.Notifications;

/// <summary>
/// The tests' MIME reader on what our own sender does not produce but a mail server or another sender may: quoted-printable
/// with soft line breaks, Latin-1, Q-encoded words, nested multiparts, 8-bit text. A wrong reader would let a broken mail pass.
/// </summary>
public sealed class MimeReading
{
    private static MimeEntity Parse(string text, Encoding encoding) => MimeEntity.Parse(encoding.GetBytes(text.ReplaceLineEndings("\r\n")));

    [Fact]
    public void quoted_printable_latin1_and_nested_multiparts_are_decoded()
    {
        var message = Parse(
            """
            Subject: =?ISO-8859-1?Q?Gr=F8d_med_=E6bler?= =?utf-8?B?IG9nIMOl?=
             og mere
            Content-Language: da
            Content-Type: multipart/mixed; boundary="outer"

            preamble
            --outer
            Content-Type: multipart/alternative; boundary=inner

            --inner
            Content-Type: text/plain; charset=iso-8859-1
            Content-Transfer-Encoding: quoted-printable

            S=F8ren spiser gr=F8d med en meget lang linje, der er delt med et bl=
            =F8dt linjeskift.
            --inner
            Content-Type: text/html; charset="utf-8"
            Content-Transfer-Encoding: quoted-printable

            <p>=C3=86ble</p>
            --inner--
            --outer
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Vedhæftet: æøå
            --outer--
            epilogue
            """,
            Encoding.Latin1);

        message.DecodedHeader("Subject").ShouldBe("Grød med æbler og å og mere");
        message.Header("Content-Language").ShouldBe("da");
        message.MediaType.ShouldBe("multipart/mixed");
        var leaves = message.Descendants().Where(p => p.Parts.Count == 0).ToList();
        leaves.Select(p => p.MediaType).ShouldBe(["text/plain", "text/html", "text/plain"]);
        leaves[0].DecodedText().ShouldBe("Søren spiser grød med en meget lang linje, der er delt med et blødt linjeskift.");
        leaves[1].DecodedText().ShouldBe("<p>Æble</p>");
    }

    [Fact]
    public void an_8bit_utf8_part_keeps_its_letters()
    {
        var message = Parse(
            """
            Content-Type: text/plain; charset=utf-8
            Content-Transfer-Encoding: 8bit

            Vedhæftet: æøå ÆØÅ
            """,
            Encoding.UTF8);

        message.DecodedText().ShouldBe("Vedhæftet: æøå ÆØÅ");
    }
}
