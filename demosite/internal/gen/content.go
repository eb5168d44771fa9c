package main

// The pages' content. Everything here except the seed article is fictional
// prose written for this demo site; people are named only in the seed
// article, which reproduces a real page.

// Date line styles used on article pages.
const (
	styleUpdated = iota // "Cập nhật ngày: 18/01/2021 09:15"
	stylePosted         // "Ngày đăng: 05/03/2020"
	styleWeekday        // "Thứ Hai, 22/06/2020 14:30"
	styleDash           // "24/07/2020 - 08:00"
)

// A category is one section of the site with its two listing pages.
type category struct {
	Dir      string // "tin-tuc"
	Name     string // shown in menus, breadcrumbs and headings
	PageSize int    // teasers on page 1
	Related  string // heading of the list under each article
	Table    bool   // listing shown as a document table
}

var categories = []category{
	{Dir: "tin-tuc", Name: "Tin tức - Sự kiện", PageSize: 5, Related: "Các tin khác"},
	{Dir: "thong-bao", Name: "Thông báo", PageSize: 4, Related: "Các tin khác"},
	{Dir: "van-ban", Name: "Văn bản - Chính sách", PageSize: 3, Related: "Tin liên quan", Table: true},
}

// An article is one news item, notice or document page.
type article struct {
	Cat     string // category Dir
	Slug    string // file name without .html
	Title   string
	Date    string // "2006-01-02 15:04" or "2006-01-02"
	Style   int
	Views   int
	DocNo   string // document number, for van-ban
	Thumb   string // listing thumbnail
	Summary string // teaser text on listings
	Body    []block
}

const seedTitle = "Hội nghị tổng kết công tác lao động, người có công và xã hội năm 2020, triển khai nhiệm vụ năm 2021"

var articles = []article{
	// ---- tin-tuc ----
	{
		Cat: "tin-tuc", Slug: "hoi-nghi-tong-ket-2020", Title: seedTitle,
		Date: "2021-01-18 09:15", Style: styleUpdated, Views: 1055,
		Thumb:   "/images/tin-tuc/2021/hoi-nghi-tong-ket-1.png",
		Summary: "Ngày 16/01/2021, Sở Lao động - Thương binh và Xã hội tổ chức Hội nghị tổng kết công tác lao động, người có công và xã hội năm 2020, triển khai nhiệm vụ năm 2021.",
		Body: []block{
			p("Ngày 16/01/2021, tại Hội trường Trung tâm Dịch vụ việc làm, Sở Lao động - Thương binh và Xã hội (LĐ-TB&XH) tổ chức Hội nghị tổng kết công tác lao động, người có công và xã hội năm 2020, triển khai nhiệm vụ năm 2021."),
			p("Đến dự và chỉ đạo Hội nghị có bà Huỳnh Thị Diễm Ngọc, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh; Ban Giám đốc Sở LĐ-TB&XH, lãnh đạo các phòng, đơn vị thuộc Sở; các sở, ban,  ngành tỉnh; lãnh đạo Phòng LĐ-TB&XH, Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên các huyện, thị xã, thành phố."),
			img("/images/tin-tuc/2021/hoi-nghi-tong-ket-1.png", "Ông Lê Hoàng Điện, Giám đốc Sở LĐ-TB&XH, phát biểu khai mạc Hội nghị"),
			p("Theo báo cáo tại Hội nghị, trong năm 2020, mặc dù chịu sự tác động, ảnh hưởng do đại dịch Covid-19. Nhưng với sự lãnh đạo sát sao của Tỉnh ủy, HĐND, UBND tỉnh cùng với sự hỗ trợ, phối hợp chặc chẽ của các ngành và địa phương. Công tác lao động, người có công và xã hội trên địa bàn tỉnh đạt được kết quả nhất định. Các nhiệm vụ chủ yếu như đào tạo nghề, giải quyết việc làm, giảm tỷ lệ hộ nghèo đạt chỉ tiêu kế hoạch được giao. Đặc biệt, ngành đã tích cực tham mưu Tỉnh ủy, UBND tỉnh triển khai thực hiện chính sách hỗ trợ người dân gặp khó khăn do dịch Covid-19 theo Nghị quyết số 42/NQ-CP của Chính phủ và Quyết định số 15/QĐ-TTg của Thủ tướng Chính phủ. Theo đó, toàn tỉnh có 267.651 đối tượng được nhận hỗ trợ, với tổng kinh phí hơn 231,6 tỷ đồng."),
			img("/images/tin-tuc/2021/hoi-nghi-tong-ket-2.png", "Quang cảnh Hội nghị"),
			p("Tuy nhiên, bên cạnh kết quả đạt được, công tác ngành có một số khó khăn, hạn chế như: các chỉ tiêu về giải quyết việc làm, đào tạo nghề, giảm hộ nghèo... tuy đạt kế hoạch nhưng thấp so cùng kỳ năm trước, số lao động bị ngừng việc hoặc mất việc làm tăng nên số người đăng ký hưởng trợ cấp BHTN tăng hơn 60% so năm trước; thu nhập của người lao động giảm do doanh nghiệp thu hẹp quy mô sản xuất kinh doanh; số lao động đi làm việc có thời hạn tại nước ngoài theo hợp đồng chỉ đạt 50% kế hoạch; số lao động sau học nghề khó tìm được việc làm hơn..."),
			img("/images/tin-tuc/2021/hoi-nghi-tong-ket-3.png", "Phó Chủ tịch UBND tỉnh Huỳnh Thị Diễm Ngọc phát biểu tại Hội nghị"),
			p("Phát biểu chỉ đạo tại Hội nghị, bà Huỳnh Thị Diễm Ngọc, Tỉnh ủy viên, Phó Chủ tịch UBND tỉnh biểu dương những kết quả tích cực mà ngành Lao động - thương binh và Xã hội đạt được trong năm 2020. Đồng thời, yêu cầu trong năm 2021, toàn ngành cần nỗ lực, phấn đấu hơn nữa trong việc thực hiện các chỉ tiêu, nhiệm vụ được giao, tạo tiền đề cho việc hoàn thành các chỉ tiêu, nhiệm vụ của giai đoạn 2021 - 2025. Trong đó, tập trung vào các nội dung, lĩnh vực trọng tâm về đào tạo nghề gắn với giải quyết việc làm, thực hiện tốt các chính sách ưu đãi người có công với cách mạng, triển khai thực hiện có hiệu quả Chương trình MTQG Giảm nghèo và An sinh xã hội bền vững năm 2021. Đặc biệt, ngành Lao động - Thương binh và Xã hội các cấp cần tổ chức thực hiện tốt việc chăm lo đời sống vật chất, tinh thần cho hộ nghèo, hộ cận nghèo và các đối tượng bảo trợ xã hội, trẻ em có hoàn cảnh đặc biệt trong dịp Tết Nguyên đán Tân Sửu 2021."),
			img("/images/tin-tuc/2021/hoi-nghi-tong-ket-4.png", "Phó Chủ tịch UBND tỉnh Huỳnh Thị Diễm Ngọc tặng quà cho Sở LĐ-TB&XH"),
			p("Cũng trong dịp này, thay mặt UBND tỉnh, Phó Chủ tịch UBND tỉnh Huỳnh Thị Diễm Ngọc trao tặng phần quà chúc mừng năm mới Tân Sửu 2021 cho tập thể Sở Lao động – Thương binh và Xã hội."),
		},
	},
	{
		Cat: "tin-tuc", Slug: "trao-qua-tet-tan-suu-2021", Title: "Trao quà Tết Nguyên đán Tân Sửu 2021 cho gia đình chính sách và hộ nghèo",
		Date: "2021-02-05 15:20", Style: styleWeekday, Views: 842,
		Thumb:   "/images/tin-tuc/2021/trao-qua-tet.png",
		Summary: "Trong hai ngày cuối tuần, các đoàn công tác của Sở đã đến thăm và trao quà Tết cho gia đình chính sách, hộ nghèo tại các huyện trong tỉnh.",
		Body: []block{
			lead("Thực hiện kế hoạch chăm lo Tết Nguyên đán Tân Sửu năm 2021, các đoàn công tác của Sở đã đến thăm hỏi, trao quà cho gia đình chính sách, hộ nghèo và trẻ em có hoàn cảnh khó khăn."),
			p("Từ ngày 02/02/2021 đến ngày 04/02/2021, bốn đoàn công tác do lãnh đạo Sở làm trưởng đoàn đã đến thăm, tặng quà tại các huyện Kế Sách, Long Phú, Trần Đề và thị xã Vĩnh Châu. Mỗi phần quà gồm tiền mặt và nhu yếu phẩm trị giá 500.000 đồng, được trao tận tay các gia đình."),
			img("/images/tin-tuc/2021/trao-qua-tet.png", "Đoàn công tác của Sở trao quà Tết cho gia đình chính sách tại huyện Kế Sách"),
			p("Theo kế hoạch, toàn tỉnh có hơn 28.000 phần quà của Chủ tịch nước, của tỉnh và của các nhà hảo tâm được trao đến người có công với cách mạng, thân nhân liệt sĩ, hộ nghèo và đối tượng bảo trợ xã hội trước ngày 10/02/2021. Việc chi trả được thực hiện công khai, đúng đối tượng, không để sót hộ nào."),
			p("Tại các buổi thăm, đại diện đoàn công tác đã ân cần hỏi han tình hình sức khỏe, đời sống của các gia đình, đồng thời đề nghị chính quyền địa phương tiếp tục quan tâm hỗ trợ sinh kế để các hộ vươn lên thoát nghèo bền vững."),
		},
	},
	{
		Cat: "tin-tuc", Slug: "phien-giao-dich-viec-lam-thang-3-2021", Title: "Phiên giao dịch việc làm định kỳ tháng 3 năm 2021 thu hút hơn 400 lao động",
		Date: "2021-03-12 10:40", Style: styleUpdated, Views: 517,
		Thumb:   "/images/tin-tuc/2021/giao-dich-viec-lam.png",
		Summary: "Phiên giao dịch việc làm định kỳ tháng 3 có 23 doanh nghiệp tham gia tuyển dụng với gần 2.000 chỉ tiêu.",
		Body: []block{
			p("Sáng ngày 10/3/2021, Trung tâm Dịch vụ việc làm tỉnh tổ chức phiên giao dịch việc làm định kỳ tháng 3 năm 2021. Phiên giao dịch có 23 doanh nghiệp trong và ngoài tỉnh tham gia với tổng nhu cầu tuyển dụng gần 2.000 lao động."),
			p("Các vị trí tuyển dụng tập trung ở ngành may mặc, chế biến thủy sản, điện tử, bảo vệ và kinh doanh. Ngoài ra, một số doanh nghiệp có giấy phép hoạt động dịch vụ đưa người lao động đi làm việc ở nước ngoài cũng tham gia tư vấn thị trường Nhật Bản và Đài Loan."),
			figure("/images/tin-tuc/2021/giao-dich-viec-lam.png", "Người lao động được tư vấn trực tiếp tại các gian tuyển dụng"),
			p("Kết quả, phiên giao dịch thu hút hơn 400 lượt người lao động đến tham gia; trong đó có 156 người được phỏng vấn, 98 người được doanh nghiệp hẹn đi làm việc ngay và 37 người đăng ký học nghề."),
			p("Để bảo đảm an toàn phòng, chống dịch Covid-19, ban tổ chức bố trí khu vực đo thân nhiệt, khử khuẩn tay và yêu cầu người tham dự đeo khẩu trang trong suốt thời gian diễn ra phiên giao dịch."),
		},
	},
	{
		Cat: "tin-tuc", Slug: "hoi-giang-nha-giao-giao-duc-nghe-nghiep-2020", Title: "Hội giảng nhà giáo giáo dục nghề nghiệp tỉnh năm 2020",
		Date: "2020-11-10 16:05", Style: styleUpdated, Views: 388,
		Thumb:   "/images/tin-tuc/2020/hoi-giang.png",
		Summary: "Hội giảng năm 2020 có 42 nhà giáo của 9 cơ sở giáo dục nghề nghiệp tham gia với 38 bài giảng.",
		Body: []block{
			p("Từ ngày 04/11 đến ngày 07/11/2020, Sở tổ chức Hội giảng nhà giáo giáo dục nghề nghiệp tỉnh năm 2020. Tham dự Hội giảng có 42 nhà giáo đến từ 9 cơ sở giáo dục nghề nghiệp trên địa bàn tỉnh với 38 bài giảng lý thuyết, thực hành và tích hợp."),
			p("Các bài giảng năm nay được đầu tư công phu, ứng dụng nhiều phần mềm mô phỏng và thiết bị dạy học hiện đại, bám sát chuẩn đầu ra của chương trình đào tạo. Nhiều nhà giáo đã vận dụng linh hoạt phương pháp dạy học tích cực, tăng thời lượng thực hành cho người học."),
			img("/images/tin-tuc/2020/hoi-giang.png", "Một tiết giảng thực hành nghề điện công nghiệp tại Hội giảng"),
			p("Kết thúc Hội giảng, Ban tổ chức đã trao 4 giải nhất, 6 giải nhì, 9 giải ba và 12 giải khuyến khích. Những bài giảng đạt giải cao sẽ được chọn tham dự Hội giảng nhà giáo giáo dục nghề nghiệp toàn quốc."),
		},
	},
	{
		Cat: "tin-tuc", Slug: "le-ky-niem-73-nam-ngay-thuong-binh-liet-si", Title: "Trang trọng Lễ kỷ niệm 73 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2020)",
		Date: "2020-07-24 08:00", Style: styleDash, Views: 1276,
		Thumb:   "/images/tin-tuc/2020/ky-niem-27-7.png",
		Summary: "Lễ kỷ niệm được tổ chức trang trọng, ôn lại truyền thống và tri ân các anh hùng liệt sĩ, thương binh, bệnh binh.",
		Body: []block{
			p("Sáng ngày 23/7/2020, tại Hội trường Tỉnh ủy, Ban Thường vụ Tỉnh ủy, Thường trực HĐND, UBND, Ủy ban MTTQ Việt Nam tỉnh long trọng tổ chức Lễ kỷ niệm 73 năm Ngày Thương binh - Liệt sĩ (27/7/1947 - 27/7/2020)."),
			p("Tại buổi lễ, các đại biểu đã cùng ôn lại ý nghĩa lịch sử của Ngày Thương binh - Liệt sĩ, khẳng định đền ơn đáp nghĩa là đạo lý tốt đẹp của dân tộc. Những năm qua, tỉnh đã xây dựng và sửa chữa hàng trăm căn nhà tình nghĩa, tặng hàng nghìn sổ tiết kiệm cho gia đình chính sách."),
			img("/images/tin-tuc/2020/ky-niem-27-7.png", "Các đại biểu dâng hương tại Nghĩa trang liệt sĩ tỉnh"),
			p("Đến nay, 100% gia đình người có công trên địa bàn tỉnh có mức sống bằng hoặc cao hơn mức sống trung bình của người dân nơi cư trú. Công tác tìm kiếm, quy tập hài cốt liệt sĩ và xác định danh tính hài cốt liệt sĩ còn thiếu thông tin tiếp tục được quan tâm thực hiện."),
			p("Nhân dịp này, lãnh đạo tỉnh đã trao tặng quà cho 73 thương binh, thân nhân liệt sĩ tiêu biểu và dâng hương tưởng niệm tại Nghĩa trang liệt sĩ tỉnh."),
		},
	},
	{
		Cat: "tin-tuc", Slug: "tap-huan-an-toan-ve-sinh-lao-dong-2020", Title: "Tập huấn công tác an toàn, vệ sinh lao động năm 2020 cho doanh nghiệp",
		Date: "2020-06-22 14:30", Style: styleWeekday, Views: 463,
		Summary: "Hơn 150 học viên là cán bộ phụ trách an toàn, vệ sinh lao động của các doanh nghiệp tham dự lớp tập huấn.",
		Body: []block{
			p("Hưởng ứng Tháng hành động về an toàn, vệ sinh lao động năm 2020, ngày 19/6/2020, Sở phối hợp với Liên đoàn Lao động tỉnh tổ chức lớp tập huấn công tác an toàn, vệ sinh lao động cho hơn 150 học viên là cán bộ phụ trách của các doanh nghiệp trên địa bàn tỉnh."),
			p("Tại lớp tập huấn, các báo cáo viên đã truyền đạt những nội dung chính sau:"),
			ul(
				"Các quy định mới của pháp luật về an toàn, vệ sinh lao động;",
				"Nhận diện, đánh giá và kiểm soát yếu tố nguy hiểm, yếu tố có hại tại nơi làm việc;",
				"Kỹ năng sơ cứu, cấp cứu tai nạn lao động ban đầu;",
				"Phòng, chống cháy nổ và xử lý sự cố trong sản xuất;",
				"Khai báo, điều tra, thống kê và báo cáo tai nạn lao động.",
			),
			p("Thông qua lớp tập huấn, người sử dụng lao động và người lao động nâng cao nhận thức, chủ động phòng ngừa tai nạn lao động, bệnh nghề nghiệp, góp phần xây dựng văn hóa an toàn tại doanh nghiệp."),
		},
	},
	{
		Cat: "tin-tuc", Slug: "phat-dong-thang-hanh-dong-vi-tre-em-2020", Title: "Phát động Tháng hành động vì trẻ em năm 2020",
		Date: "2020-06-02", Style: stylePosted, Views: 604,
		Thumb:   "/images/tin-tuc/2020/vi-tre-em.png",
		Summary: "Tháng hành động vì trẻ em năm 2020 có chủ đề chung tay bảo vệ trẻ em, phòng, chống xâm hại và tai nạn thương tích.",
		Body: []block{
			p("Sáng 01/6/2020, UBND tỉnh tổ chức Lễ phát động Tháng hành động vì trẻ em năm 2020 với chủ đề chung tay bảo vệ trẻ em, phòng, chống xâm hại và tai nạn thương tích cho trẻ em. Tháng hành động diễn ra từ ngày 01/6 đến ngày 30/6/2020."),
			img("/images/tin-tuc/2020/vi-tre-em.png", "Trao học bổng cho trẻ em có hoàn cảnh khó khăn tại Lễ phát động"),
			p("Trong khuôn khổ Tháng hành động, các địa phương sẽ tổ chức nhiều hoạt động thiết thực như rà soát trẻ em có hoàn cảnh đặc biệt, dạy bơi an toàn, sửa chữa điểm vui chơi cộng đồng và vận động nguồn lực hỗ trợ trẻ em nghèo."),
			p("Tại buổi lễ, Quỹ Bảo trợ trẻ em tỉnh đã trao 120 suất học bổng, mỗi suất trị giá 1.000.000 đồng, cùng 50 chiếc xe đạp cho học sinh có hoàn cảnh khó khăn vượt khó học tốt."),
		},
	},
	{
		Cat: "tin-tuc", Slug: "chi-ho-tro-nguoi-lao-dong-covid-19", Title: "Đẩy nhanh tiến độ chi hỗ trợ người lao động gặp khó khăn do đại dịch Covid-19",
		Date: "2020-05-28", Style: stylePosted, Views: 2134,
		Summary: "Sở đề nghị các địa phương khẩn trương hoàn thành việc xét duyệt và chi trả hỗ trợ cho người lao động bị ảnh hưởng.",
		Body: []block{
			p("Nhằm kịp thời hỗ trợ người lao động gặp khó khăn do đại dịch Covid-19, Sở đã có văn bản đề nghị UBND các huyện, thị xã, thành phố khẩn trương hoàn thành việc xét duyệt danh sách và chi trả tiền hỗ trợ trước ngày 15/6/2020."),
			p("Tính đến ngày 25/5/2020, toàn tỉnh đã chi hỗ trợ cho hơn 41.000 người có công với cách mạng, đối tượng bảo trợ xã hội và hộ nghèo, hộ cận nghèo. Đối với người lao động bị chấm dứt hợp đồng lao động nhưng không đủ điều kiện hưởng trợ cấp thất nghiệp, việc tiếp nhận hồ sơ đang được các địa phương thực hiện."),
			p("Sở lưu ý các địa phương thực hiện đúng quy trình, công khai danh sách tại trụ sở UBND cấp xã và nơi sinh hoạt cộng đồng; tuyệt đối không để xảy ra trục lợi chính sách, bảo đảm hỗ trợ đúng đối tượng, không bỏ sót."),
		},
	},
	{
		Cat: "tin-tuc", Slug: "ra-soat-ho-ngheo-ho-can-ngheo-2020", Title: "Triển khai rà soát hộ nghèo, hộ cận nghèo năm 2020",
		Date: "2020-09-15", Style: stylePosted, Views: 731,
		Thumb:   "/images/tin-tuc/2020/ra-soat-ho-ngheo.png",
		Summary: "Công tác rà soát hộ nghèo, hộ cận nghèo năm 2020 được thực hiện từ tháng 9 đến hết tháng 11/2020.",
		Body: []block{
			p("Ngày 14/9/2020, Sở tổ chức hội nghị tập huấn nghiệp vụ rà soát hộ nghèo, hộ cận nghèo năm 2020 cho cán bộ làm công tác giảm nghèo cấp huyện và cấp xã. Việc rà soát được thực hiện theo chuẩn nghèo tiếp cận đa chiều giai đoạn 2016 - 2020."),
			p("Quy trình rà soát gồm các bước: lập danh sách hộ có giấy đề nghị, tổ chức điều tra bằng phiếu, họp dân thống nhất kết quả, niêm yết công khai và báo cáo UBND cấp huyện phê duyệt. Thời gian rà soát từ tháng 9 đến hết tháng 11/2020."),
			figure("/images/tin-tuc/2020/ra-soat-ho-ngheo.png", "Cán bộ xã hướng dẫn người dân kê khai phiếu rà soát"),
			p("Sở yêu cầu các địa phương chú trọng xác định nguyên nhân nghèo của từng hộ để có giải pháp hỗ trợ phù hợp, đồng thời kiên quyết không chạy theo thành tích, bảo đảm kết quả rà soát phản ánh đúng thực tế."),
		},
	},

	// ---- thong-bao ----
	{
		Cat: "thong-bao", Slug: "lich-tiep-cong-dan-2021", Title: "Thông báo lịch tiếp công dân định kỳ năm 2021 của Giám đốc Sở",
		Date: "2021-01-04 08:30", Style: styleUpdated, Views: 296,
		Summary: "Giám đốc Sở tiếp công dân định kỳ vào ngày 15 hằng tháng tại Phòng tiếp công dân của Sở.",
		Body: []block{
			p("Thực hiện Luật Tiếp công dân năm 2013 và các văn bản hướng dẫn thi hành, Sở thông báo lịch tiếp công dân định kỳ năm 2021 của Giám đốc Sở như sau."),
			p("Giám đốc Sở tiếp công dân định kỳ vào ngày 15 hằng tháng tại Phòng tiếp công dân của Sở; trường hợp trùng ngày nghỉ, ngày lễ thì chuyển sang ngày làm việc kế tiếp."),
			table([]string{"Quý", "Ngày tiếp", "Thời gian", "Người tiếp"},
				[]string{"Quý I", "15/01, 17/02 và 15/3/2021", "7 giờ 30 đến 11 giờ", "Giám đốc Sở"},
				[]string{"Quý II", "15/4, 17/5 và 15/6/2021", "7 giờ 30 đến 11 giờ", "Giám đốc Sở"},
				[]string{"Quý III", "15/7, 16/8 và 15/9/2021", "7 giờ 30 đến 11 giờ", "Phó Giám đốc Sở được ủy quyền"},
				[]string{"Quý IV", "15/10, 15/11 và 15/12/2021", "7 giờ 30 đến 11 giờ", "Giám đốc Sở"},
			),
			p("Công dân đến liên hệ cần mang theo giấy tờ tùy thân và các tài liệu liên quan đến nội dung khiếu nại, tố cáo, kiến nghị, phản ánh. Ngoài lịch định kỳ, Phòng tiếp công dân của Sở tiếp công dân thường xuyên vào các ngày làm việc trong tuần."),
		},
	},
	{
		Cat: "thong-bao", Slug: "tuyen-sinh-dao-tao-nghe-so-cap-2021", Title: "Thông báo tuyển sinh đào tạo nghề trình độ sơ cấp năm 2021",
		Date: "2021-02-22", Style: stylePosted, Views: 954,
		Summary: "Trung tâm Giáo dục nghề nghiệp tuyển sinh các lớp sơ cấp nghề miễn học phí cho lao động nông thôn.",
		Body: []block{
			p("Nhằm nâng cao chất lượng nguồn nhân lực và tạo việc làm cho người lao động, các Trung tâm Giáo dục nghề nghiệp – Giáo dục thường xuyên thông báo tuyển sinh đào tạo nghề trình độ sơ cấp năm 2021."),
			p("Đối tượng tuyển sinh là lao động nông thôn trong độ tuổi lao động, có sức khỏe phù hợp với nghề đăng ký học. Người thuộc hộ nghèo, hộ cận nghèo, người khuyết tật và người dân tộc thiểu số được miễn học phí và hỗ trợ tiền ăn, tiền đi lại theo quy định."),
			h("Các nghề tuyển sinh"),
			ul(
				"Kỹ thuật chăn nuôi gà, vịt;",
				"Trồng và chăm sóc cây ăn quả;",
				"Sửa chữa máy nông nghiệp;",
				"May công nghiệp;",
				"Kỹ thuật chế biến món ăn.",
			),
			p("Thời gian nhận hồ sơ đến hết ngày 31/3/2021. Hồ sơ gồm đơn đăng ký học nghề, bản sao căn cước công dân và giấy xác nhận thuộc đối tượng ưu tiên, nếu có."),
		},
	},
	{
		Cat: "thong-bao", Slug: "lich-nghi-tet-nguyen-dan-tan-suu-2021", Title: "Thông báo lịch nghỉ Tết Nguyên đán Tân Sửu năm 2021",
		Date: "2021-01-25 17:00", Style: styleWeekday, Views: 1190,
		Summary: "Cán bộ, công chức, viên chức và người lao động của Sở được nghỉ Tết Nguyên đán Tân Sửu 7 ngày liên tục.",
		Body: []block{
			p("Căn cứ Thông báo của Bộ Lao động - Thương binh và Xã hội về việc nghỉ Tết Âm lịch và Quốc khánh năm 2021 đối với cán bộ, công chức, viên chức và người lao động, Sở thông báo lịch nghỉ Tết Nguyên đán Tân Sửu năm 2021 như sau."),
			p("Cán bộ, công chức, viên chức và người lao động của Sở được nghỉ 7 ngày liên tục, từ thứ Tư ngày 10/02/2021 đến hết Chủ nhật ngày 16/02/2021, tức từ ngày 29 tháng Chạp năm Canh Tý đến hết ngày mùng 5 tháng Giêng năm Tân Sửu."),
			p("Thủ trưởng các phòng, đơn vị thuộc Sở phân công trực Tết, bảo đảm an toàn cơ quan, phòng chống cháy nổ và giải quyết kịp thời công việc phát sinh trong thời gian nghỉ Tết."),
		},
	},
	{
		Cat: "thong-bao", Slug: "tiep-nhan-ho-so-du-tuyen-lao-dong-han-quoc", Title: "Thông báo tiếp nhận hồ sơ đăng ký dự tuyển đi làm việc tại Hàn Quốc theo Chương trình EPS",
		Date: "2020-12-03 09:00", Style: styleUpdated, Views: 1877,
		Summary: "Người lao động đã đạt kỳ thi tiếng Hàn năm 2020 nộp hồ sơ dự tuyển tại Trung tâm Dịch vụ việc làm tỉnh.",
		Body: []block{
			p("Thực hiện Chương trình cấp phép việc làm cho lao động nước ngoài của Hàn Quốc (Chương trình EPS), Trung tâm Dịch vụ việc làm tỉnh thông báo tiếp nhận hồ sơ đăng ký dự tuyển của người lao động đã đạt yêu cầu kỳ kiểm tra tiếng Hàn năm 2020."),
			p("Thời gian tiếp nhận hồ sơ từ ngày 07/12/2020 đến hết ngày 18/12/2020, trong giờ hành chính. Người lao động nộp hồ sơ trực tiếp, không nhận hồ sơ qua đường bưu điện hoặc qua người khác nộp thay."),
			p("Hồ sơ gồm phiếu đăng ký dự tuyển, bản sao hộ chiếu còn hạn ít nhất 6 tháng, giấy khám sức khỏe và ảnh màu cỡ 3,5 x 4,5 cm nền trắng. Người lao động không phải nộp bất kỳ khoản phí nào ngoài lệ phí theo quy định."),
		},
	},
	{
		Cat: "thong-bao", Slug: "cong-khai-du-toan-ngan-sach-2021", Title: "Thông báo công khai dự toán ngân sách nhà nước năm 2021",
		Date: "2021-01-15", Style: stylePosted, Views: 214,
		Summary: "Sở công khai dự toán thu, chi ngân sách nhà nước năm 2021 được UBND tỉnh giao.",
		Body: []block{
			p("Thực hiện quy định về công khai ngân sách đối với các đơn vị dự toán ngân sách, Sở thông báo công khai dự toán thu, chi ngân sách nhà nước năm 2021 được UBND tỉnh giao."),
			p("Tổng dự toán chi ngân sách năm 2021 của Sở là 186,4 tỷ đồng, trong đó chi thực hiện chính sách ưu đãi người có công và bảo trợ xã hội chiếm phần lớn. Biểu chi tiết được niêm yết tại trụ sở cơ quan."),
			p("Các tổ chức, cá nhân có ý kiến về nội dung công khai vui lòng gửi văn bản về Văn phòng Sở trong thời hạn 30 ngày kể từ ngày niêm yết."),
		},
	},
	{
		Cat: "thong-bao", Slug: "chi-tra-tro-cap-nguoi-co-cong-thang-2-2021", Title: "Thông báo thời gian chi trả trợ cấp ưu đãi người có công tháng 02/2021",
		Date: "2021-01-27 14:10", Style: styleDash, Views: 677,
		Summary: "Trợ cấp ưu đãi người có công tháng 02/2021 được chi trả sớm để người hưởng kịp đón Tết.",
		Body: []block{
			p("Để người có công với cách mạng và thân nhân kịp thời đón Tết Nguyên đán Tân Sửu, Sở thống nhất với Bưu điện tỉnh chi trả trợ cấp ưu đãi tháng 02/2021 cùng với kỳ chi trả tháng 01/2021."),
			p("Thời gian chi trả từ ngày 01/02/2021 đến ngày 05/02/2021 tại các điểm chi trả cấp xã. Người hưởng không nhận được trong thời gian trên có thể nhận tại bưu cục huyện đến hết tháng."),
			p("Người nhận thay phải có giấy ủy quyền theo quy định. Mọi thắc mắc liên quan đến chế độ trợ cấp, đề nghị liên hệ Phòng Người có công của Sở để được hướng dẫn."),
		},
	},
	{
		Cat: "thong-bao", Slug: "tam-dung-phien-giao-dich-viec-lam", Title: "Thông báo tạm dừng tổ chức phiên giao dịch việc làm để phòng, chống dịch Covid-19",
		Date: "2020-03-30 11:45", Style: styleUpdated, Views: 508,
		Summary: "Các phiên giao dịch việc làm trực tiếp được tạm dừng cho đến khi có thông báo khác.",
		Body: []block{
			p("Thực hiện chỉ đạo của UBND tỉnh về các biện pháp cấp bách phòng, chống dịch Covid-19, Trung tâm Dịch vụ việc làm tỉnh thông báo tạm dừng tổ chức các phiên giao dịch việc làm trực tiếp kể từ ngày 01/4/2020 cho đến khi có thông báo khác."),
			p("Trong thời gian này, người lao động và doanh nghiệp có nhu cầu tìm việc, tuyển dụng có thể đăng ký qua điện thoại hoặc qua trang thông tin điện tử của Trung tâm. Việc tiếp nhận hồ sơ hưởng trợ cấp thất nghiệp vẫn được thực hiện bình thường."),
			p("Trung tâm rất mong người lao động và doanh nghiệp thông cảm và phối hợp thực hiện."),
		},
	},

	// ---- van-ban ----
	{
		Cat: "van-ban", Slug: "ke-hoach-giam-ngheo-ben-vung-2021", Title: "Kế hoạch thực hiện Chương trình mục tiêu quốc gia Giảm nghèo bền vững năm 2021",
		Date: "2021-01-20 15:00", Style: styleUpdated, Views: 402, DocNo: "15/KH-SLĐTBXH",
		Summary: "Kế hoạch đặt mục tiêu giảm tỷ lệ hộ nghèo toàn tỉnh từ 1,5% đến 2% trong năm 2021.",
		Body: []block{
			p("Sở ban hành Kế hoạch thực hiện Chương trình mục tiêu quốc gia Giảm nghèo bền vững năm 2021 nhằm tiếp tục thực hiện có hiệu quả các chính sách giảm nghèo, cải thiện đời sống vật chất, tinh thần của người nghèo."),
			p("Mục tiêu của Kế hoạch là giảm tỷ lệ hộ nghèo toàn tỉnh từ 1,5% đến 2%, riêng hộ nghèo dân tộc Khmer giảm từ 2% đến 2,5%; bảo đảm 100% người thuộc hộ nghèo, hộ cận nghèo được cấp thẻ bảo hiểm y tế."),
			p("Các nhiệm vụ trọng tâm gồm hỗ trợ phát triển sản xuất, đa dạng hóa sinh kế, nhân rộng mô hình giảm nghèo; hỗ trợ người nghèo tiếp cận dịch vụ xã hội cơ bản; nâng cao năng lực cán bộ làm công tác giảm nghèo và đẩy mạnh truyền thông về giảm nghèo."),
			p("Kế hoạch giao UBND các huyện, thị xã, thành phố xây dựng kế hoạch cụ thể của địa phương, báo cáo kết quả thực hiện định kỳ 6 tháng và cả năm về Sở để tổng hợp."),
		},
	},
	{
		Cat: "van-ban", Slug: "huong-dan-ho-tro-theo-nghi-quyet-42", Title: "Hướng dẫn thực hiện hỗ trợ người dân gặp khó khăn do đại dịch Covid-19 theo Nghị quyết số 42/NQ-CP",
		Date: "2020-04-28 16:45", Style: styleWeekday, Views: 3391, DocNo: "812/HD-SLĐTBXH",
		Summary: "Văn bản hướng dẫn hồ sơ, trình tự xét duyệt và chi trả hỗ trợ cho từng nhóm đối tượng.",
		Body: []block{
			p("Căn cứ Nghị quyết số 42/NQ-CP ngày 09/4/2020 của Chính phủ và Quyết định số 15/2020/QĐ-TTg ngày 24/4/2020 của Thủ tướng Chính phủ, Sở hướng dẫn thực hiện các chính sách hỗ trợ người dân gặp khó khăn do đại dịch Covid-19 trên địa bàn tỉnh."),
			p("Người có công với cách mạng đang hưởng trợ cấp ưu đãi hằng tháng được hỗ trợ 500.000 đồng/người/tháng; đối tượng bảo trợ xã hội đang hưởng trợ cấp xã hội hằng tháng được hỗ trợ 500.000 đồng/người/tháng; hộ nghèo, hộ cận nghèo được hỗ trợ 250.000 đồng/khẩu/tháng. Thời gian hỗ trợ là 3 tháng, từ tháng 4 đến tháng 6 năm 2020, và được chi trả một lần."),
			p("Đối với người lao động bị chấm dứt hợp đồng lao động nhưng không đủ điều kiện hưởng trợ cấp thất nghiệp, người lao động không có giao kết hợp đồng lao động bị mất việc làm, hồ sơ đề nghị hỗ trợ được nộp tại UBND cấp xã nơi cư trú. UBND cấp xã rà soát, lập danh sách, niêm yết công khai trước khi trình cấp huyện."),
			p("Trong quá trình thực hiện, nếu có vướng mắc, các địa phương phản ánh kịp thời về Sở để được hướng dẫn hoặc tổng hợp trình UBND tỉnh xem xét, giải quyết."),
		},
	},
	{
		Cat: "van-ban", Slug: "trien-khai-nghi-dinh-20-2021", Title: "Triển khai Nghị định số 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội",
		Date: "2021-03-29", Style: stylePosted, Views: 1422, DocNo: "604/SLĐTBXH-BTXH",
		Summary: "Từ ngày 01/7/2021, mức chuẩn trợ giúp xã hội được nâng lên 360.000 đồng/tháng.",
		Body: []block{
			p("Ngày 15/3/2021, Chính phủ ban hành Nghị định số 20/2021/NĐ-CP quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội, có hiệu lực thi hành từ ngày 01/7/2021."),
			p("Theo Nghị định, mức chuẩn trợ giúp xã hội được nâng từ 270.000 đồng lên 360.000 đồng/tháng. Mức chuẩn này là căn cứ xác định mức trợ cấp xã hội, mức hỗ trợ kinh phí nhận chăm sóc, nuôi dưỡng và các mức trợ giúp xã hội khác."),
			p("Sở đề nghị UBND các huyện, thị xã, thành phố chỉ đạo Phòng LĐ-TB&XH rà soát, điều chỉnh mức trợ cấp cho các đối tượng đang hưởng theo mức chuẩn mới, đồng thời tuyên truyền rộng rãi nội dung Nghị định đến người dân."),
		},
	},
	{
		Cat: "van-ban", Slug: "diem-moi-bo-luat-lao-dong-2019", Title: "Một số điểm mới của Bộ luật Lao động năm 2019 có hiệu lực từ ngày 01/01/2021",
		Date: "2020-12-28 10:20", Style: styleWeekday, Views: 2560, DocNo: "2480/SLĐTBXH-LĐVLGDNN",
		Summary: "Bộ luật Lao động năm 2019 có nhiều điểm mới về hợp đồng lao động, tuổi nghỉ hưu và ngày nghỉ lễ.",
		Body: []block{
			p("Bộ luật Lao động số 45/2019/QH14 được Quốc hội khóa XIV thông qua ngày 20/11/2019, có hiệu lực thi hành từ ngày 01/01/2021, thay thế Bộ luật Lao động năm 2012. Bộ luật có nhiều điểm mới đáng chú ý đối với người lao động và người sử dụng lao động."),
			h("Những điểm mới chính"),
			ul(
				"Hợp đồng lao động chỉ còn hai loại: hợp đồng không xác định thời hạn và hợp đồng xác định thời hạn không quá 36 tháng;",
				"Người lao động được đơn phương chấm dứt hợp đồng mà không cần báo trước trong một số trường hợp, như không được trả đủ lương hoặc bị ngược đãi;",
				"Tuổi nghỉ hưu trong điều kiện lao động bình thường được điều chỉnh theo lộ trình, đến năm 2028 là đủ 62 tuổi đối với nam và đến năm 2035 là đủ 60 tuổi đối với nữ;",
				"Người lao động được nghỉ thêm một ngày vào dịp Quốc khánh, liền kề trước hoặc sau ngày 02/9;",
				"Mở rộng phạm vi điều chỉnh đối với người làm việc không có quan hệ lao động.",
			),
			p("Sở đề nghị các doanh nghiệp trên địa bàn tỉnh rà soát nội quy lao động, thỏa ước lao động tập thể và hợp đồng lao động đã giao kết để sửa đổi, bổ sung cho phù hợp với quy định của Bộ luật mới."),
		},
	},
	{
		Cat: "van-ban", Slug: "quyet-dinh-phe-duyet-ket-qua-ra-soat-ho-ngheo-2020", Title: "Quyết định phê duyệt kết quả rà soát hộ nghèo, hộ cận nghèo năm 2020",
		Date: "2020-12-30 16:30", Style: styleDash, Views: 889, DocNo: "3512/QĐ-UBND",
		Summary: "Kết quả rà soát cuối năm 2020 được công bố làm cơ sở thực hiện chính sách năm 2021.",
		Body: []block{
			p("UBND tỉnh ban hành Quyết định phê duyệt kết quả rà soát hộ nghèo, hộ cận nghèo năm 2020 trên địa bàn tỉnh theo chuẩn nghèo tiếp cận đa chiều giai đoạn 2016 - 2020."),
			p("Kết quả rà soát là cơ sở để thực hiện các chính sách hỗ trợ giảm nghèo và an sinh xã hội trong năm 2021, bao gồm cấp thẻ bảo hiểm y tế, hỗ trợ tiền điện, miễn giảm học phí và cho vay vốn ưu đãi."),
			p("UBND các huyện, thị xã, thành phố có trách nhiệm công nhận hộ nghèo, hộ cận nghèo, cấp giấy chứng nhận cho các hộ và cập nhật dữ liệu vào phần mềm quản lý đối tượng trước ngày 31/01/2021."),
		},
	},
	{
		Cat: "van-ban", Slug: "huong-dan-thu-tuc-huong-tro-cap-that-nghiep", Title: "Hướng dẫn thủ tục đăng ký hưởng trợ cấp thất nghiệp",
		Date: "2020-08-11 09:05", Style: styleUpdated, Views: 3012, DocNo: "1450/HD-TTDVVL",
		Summary: "Người lao động nộp hồ sơ trong thời hạn 3 tháng kể từ ngày chấm dứt hợp đồng lao động.",
		Body: []block{
			p("Người lao động đang đóng bảo hiểm thất nghiệp khi chấm dứt hợp đồng lao động và có đủ thời gian đóng theo quy định được hưởng trợ cấp thất nghiệp. Trong thời hạn 3 tháng kể từ ngày chấm dứt hợp đồng, người lao động nộp hồ sơ tại Trung tâm Dịch vụ việc làm."),
			p("Hồ sơ gồm đề nghị hưởng trợ cấp thất nghiệp theo mẫu, bản chính hoặc bản sao có chứng thực quyết định thôi việc hoặc giấy tờ xác nhận chấm dứt hợp đồng lao động, và sổ bảo hiểm xã hội."),
			p("Trong thời hạn 20 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ, Sở ra quyết định về việc hưởng trợ cấp thất nghiệp. Hằng tháng, người đang hưởng phải trực tiếp thông báo về việc tìm kiếm việc làm với Trung tâm theo lịch hẹn."),
			p("Mức hưởng hằng tháng bằng 60% mức bình quân tiền lương tháng đóng bảo hiểm thất nghiệp của 6 tháng liền kề trước khi thất nghiệp, nhưng không vượt quá mức tối đa theo quy định."),
		},
	},
}
